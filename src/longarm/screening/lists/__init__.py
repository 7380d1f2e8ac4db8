"""Importers: each reads one published list format into a `ListSnapshot`."""
