"""Shared plumbing of the thin interfaces (CLI, REST, web): file handling and rendering."""
