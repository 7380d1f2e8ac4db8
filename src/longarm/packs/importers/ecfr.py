"""Rebuild the US pack tables from eCFR extracts: `rebuild(shared_data_dir, out_dir)`.

One importer per extract turns it into a table keyed by ISO 3166-1 alpha-2 codes or ECCNs,
with the extract's citation, source URL, eCFR issue date and file hash. `rebuild` then
checks the tables against each other and writes them as sorted, indented JSON, so the same
extracts always give byte-identical files and a newer extract gives a reviewable diff.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from longarm.errors import InputError
from longarm.packs.importers.ccl import import_ccl
from longarm.packs.importers.country_chart import import_country_chart
from longarm.packs.importers.country_groups import import_country_groups

__all__ = [
    "DEFAULT_OUT_DIR",
    "import_ccl",
    "import_country_chart",
    "import_country_groups",
    "rebuild",
    "render_table",
]

DEFAULT_OUT_DIR = Path(__file__).resolve().parents[1] / "us" / "tables"
"""Where the US pack's generated tables live in the source tree."""

# Output file, input file pattern and importer, in the order they are written. The date in
# the extract's name is ISO, so the last match in sorted order is the newest extract.
_TABLES: tuple[tuple[str, str, Callable[[Path], dict[str, Any]]], ...] = (
    ("country_chart.json", "ear_part738_country_chart_*.json", import_country_chart),
    ("country_groups.json", "ear_part740_country_groups_*.json", import_country_groups),
    ("ccl.json", "ear_part774_ccl_*.json", import_ccl),
)


def render_table(table: dict[str, Any]) -> str:
    """The canonical text of a table: sorted keys, two-space indent, UTF-8, final newline."""
    return json.dumps(table, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def _newest(shared_data_dir: Path, pattern: str) -> Path:
    matches = sorted(shared_data_dir.glob(pattern))
    if not matches:
        raise InputError(str(shared_data_dir), pattern, "no eCFR extract matches")
    return matches[-1]


def _check_ccl_columns(chart: dict[str, Any], ccl: dict[str, Any]) -> None:
    """Every column an ECCN names must be a column of the chart it is read against."""
    columns = set(chart["columns"])
    for eccn, entry in sorted(ccl["entries"].items()):
        if unknown := set(entry["reasons_for_control"]) - columns:
            raise InputError(
                ccl["imported_from"]["file"],
                f"entries.{eccn}.countryChart",
                f"names columns {sorted(unknown)} that the Country Chart does not have",
            )


def rebuild(shared_data_dir: Path, out_dir: Path = DEFAULT_OUT_DIR) -> list[Path]:
    """Import the newest Part 738, 740 and 774 extracts and write the three tables.

    Nothing is written unless all three import cleanly and agree with each other.

    Args:
        shared_data_dir: folder holding `ear_part738_country_chart_<date>.json`,
            `ear_part740_country_groups_<date>.json` and `ear_part774_ccl_<date>.json`.
        out_dir: folder to write `country_chart.json`, `country_groups.json` and `ccl.json`
            to; created if missing.

    Returns:
        The paths written, in the order above.

    Raises:
        InputError: an extract is missing or malformed (names the file and field).
    """
    tables = {
        name: importer(_newest(shared_data_dir, pattern)) for name, pattern, importer in _TABLES
    }
    _check_ccl_columns(tables["country_chart.json"], tables["ccl.json"])
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        target = out_dir / name
        target.write_text(render_table(table), encoding="utf-8", newline="\n")
        written.append(target)
    return written
