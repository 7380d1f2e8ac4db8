"""ERP tables (CONTRACT.md section 8) in: read, validate row by row, build cases."""
