"""US EAR tests (registered on import)."""
