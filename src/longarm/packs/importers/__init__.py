"""Importers that turn official extracts into pack data; run them with `longarm packs`.

- `ecfr`: eCFR extracts of 15 CFR Parts 738, 740 and 774 -> `packs/us/tables/*.json`
  (`rebuild(shared_data_dir, out_dir)`; command `import-ecfr`, see `cli.py`).
"""
