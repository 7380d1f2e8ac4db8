"""The `longarm check` path stays light: heavy libraries load only in the commands using them.

Behaviour, not timing (the timing figure is `bench/startup.py`): a fresh interpreter imports
`longarm.cli`, or runs `longarm check`, and reports which heavy modules got loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from testkit import SHARED

HEAVY = (
    "duckdb", "pyarrow", "scipy", "numpy", "pandas", "polars", "fastapi", "starlette",
    "uvicorn", "httpx", "rapidfuzz", "opencc", "pypinyin", "anyascii", "pyspark",
    "weasyprint", "matplotlib", "openpyxl", "hypothesis",
)  # fmt: skip
"""Libraries that `longarm check` must not need (DuckDB only for the audit append)."""

PROBE = """
import json, sys
sys.argv = ["longarm", *json.loads(sys.argv[1])]
import longarm.cli
loaded = {{m.split(".")[0] for m in sys.modules}}
if len(sys.argv) > 1:
    try:
        longarm.cli.main()
    except SystemExit:
        pass
    loaded = {{m.split(".")[0] for m in sys.modules}}
sys.stderr.write("LOADED " + json.dumps(sorted(loaded & set({heavy!r}))) + "\\n")
"""


def loaded_by(args: list[str], tmp_path: Path) -> list[str]:
    env = {**os.environ, "LONGARM_STORE": str(tmp_path / "store.duckdb")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), json.dumps(args)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    marker = [ln for ln in done.stderr.splitlines() if ln.startswith("LOADED ")]
    assert marker, done.stderr
    loaded: list[str] = json.loads(marker[-1].removeprefix("LOADED "))
    return loaded


def test_importing_the_cli_loads_no_heavy_library(tmp_path: Path) -> None:
    assert loaded_by([], tmp_path) == []


def test_check_loads_only_the_store_for_its_audit_record(tmp_path: Path) -> None:
    case = SHARED / "cases" / "cn_no61_korean_magnet_revived.yaml"
    assert loaded_by(["check", str(case)], tmp_path) == ["duckdb"]
    assert (tmp_path / "store.duckdb").exists()  # the audit record is why DuckDB loads


def test_screening_still_loads_its_stack(tmp_path: Path) -> None:
    """The probe sees lazy imports happen: screening a name loads its stack."""
    loaded = loaded_by(["screen", "SMIC", "--country", "CN"], tmp_path)
    assert {"rapidfuzz", "pypinyin"} <= set(loaded)
