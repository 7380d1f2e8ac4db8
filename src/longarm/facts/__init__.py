"""Regime-neutral facts computed from a case: ownership coverage, classification."""
