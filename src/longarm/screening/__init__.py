"""Restricted-party screening: list snapshots, normalisation, index, matching, explanation."""
