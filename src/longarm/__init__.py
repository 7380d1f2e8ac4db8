"""longarm: extraterritorial export-control determinations, explained and cited."""
