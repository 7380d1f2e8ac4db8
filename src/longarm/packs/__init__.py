"""Law as data: one folder per regime, one YAML file per instrument (plus generated tables)."""
