"""Reports a person reads or files: the determination report (HTML, PDF) and the terminal table.

Nothing here is imported on `longarm check`'s JSON path; Jinja2 and WeasyPrint are imported
only by the functions that render with them.
"""
