"""The API's routers, one module per resource; each only parses, calls and serialises."""
