"""The eCFR importer: byte-identical rebuild from the shared extracts, and loud failures.

Fixture strategy: the real extracts in ../shared/data are read, never changed; malformed
inputs are copies edited in tmp_path.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer import Typer
from typer.testing import CliRunner

from longarm.errors import InputError
from longarm.packs.importers import cli
from longarm.packs.importers.countries import load_overrides
from longarm.packs.importers.ecfr import (
    DEFAULT_OUT_DIR,
    import_ccl,
    import_country_chart,
    import_country_groups,
    rebuild,
)

SHARED_DATA = Path(__file__).parents[2].parent / "shared" / "data"
CHART = SHARED_DATA / "ear_part738_country_chart_2026-07-23.json"
GROUPS = SHARED_DATA / "ear_part740_country_groups_2026-07-23.json"
CCL = SHARED_DATA / "ear_part774_ccl_2026-07-23.json"
TABLES = ("country_chart.json", "country_groups.json", "ccl.json")


def _edited_copy(tmp_path: Path, source: Path, edit: Any) -> Path:
    """Copy the three extracts to tmp_path, applying `edit` to the parsed `source` file."""
    folder = tmp_path / "extracts"
    folder.mkdir()
    for original in (CHART, GROUPS, CCL):
        shutil.copy(original, folder / original.name)
    target = folder / source.name
    document = json.loads(target.read_text(encoding="utf-8"))
    edit(document)
    target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return folder


def test_rebuild_reproduces_the_committed_tables_byte_for_byte(tmp_path: Path) -> None:
    written = rebuild(SHARED_DATA, tmp_path)
    assert [path.name for path in written] == list(TABLES)
    for name in TABLES:
        assert (tmp_path / name).read_bytes() == (DEFAULT_OUT_DIR / name).read_bytes(), name


def test_rebuild_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    rebuild(SHARED_DATA, first)
    rebuild(SHARED_DATA, second)
    for name in TABLES:
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_tables_are_sorted_pretty_json_with_a_final_newline() -> None:
    for name in TABLES:
        text = (DEFAULT_OUT_DIR / name).read_text(encoding="utf-8")
        assert text.endswith("}\n")
        assert (
            text
            == json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
        )


@pytest.mark.parametrize(
    ("importer", "source", "citation", "title"),
    [
        (
            import_country_chart,
            CHART,
            "15 CFR Part 738, Supplement No. 1",
            "Commerce Country Chart",
        ),
        (import_country_groups, GROUPS, "15 CFR Part 740, Supplement No. 1", "Country Groups"),
        (import_ccl, CCL, "15 CFR Part 774, Supplement No. 1", "Commerce Control List"),
    ],
)
def test_each_table_records_citation_source_vintage_and_file_hash(
    importer: Any, source: Path, citation: str, title: str
) -> None:
    table = importer(source)
    assert table["citation"] == citation
    assert table["title"] == title
    assert table["ecfr_issue_date"] == "2026-07-23"
    assert table["source"].startswith("https://www.ecfr.gov/api/versioner/v1/full/2026-07-23/")
    sha256 = hashlib.sha256(source.read_bytes()).hexdigest()
    assert table["imported_from"] == {"file": source.name, "sha256": sha256}
    # The shared folder's own checksum list agrees with what the importer recorded.
    assert f"{sha256}  ./{source.name}" in (SHARED_DATA / "SHA256SUMS").read_text()


def test_country_chart_is_keyed_by_iso_codes_with_normalised_columns() -> None:
    table = import_country_chart(CHART)
    assert "NS1" in table["columns"] and "NS 1" not in table["columns"]
    assert table["countries"]["DE"]["columns"] == ["CB1", "MT1", "NS1", "RS1"]
    assert table["countries"]["XK"]["name"] == "Kosovo"
    assert table["countries"]["MM"]["name"] == "Burma"
    assert sorted(table["embargoed"]) == ["CU", "IR", "KP", "SY"]
    assert table["territory_inheritance"]["HK"]["row"] == "CN"
    assert "HK" not in table["countries"]
    assert table["aliases"]["myanmar"] == "MM"


def test_country_groups_fold_hong_kong_into_china_and_keep_both_congo_spellings() -> None:
    table = import_country_groups(GROUPS)
    assert table["territory_inheritance"]["HK"]["row"] == "CN"
    assert "MO" not in table["groups"]["D:5"]
    assert table["names"]["CD"] == [
        "Congo (Democratic Republic of the)",
        "Congo (Democratic Republic of)",
    ]
    assert table["names"]["CI"] == ["Cote d'lvoire"]  # the source's misprint, resolved


def test_ccl_derives_chart_columns_and_keeps_the_text() -> None:
    entry = import_ccl(CCL)["entries"]["3A001"]
    assert entry["reasons_for_control"] == ["AT1", "MT1", "NP1", "NS1", "NS2", "RS1"]
    assert entry["reason_codes"] == ["AT", "MT", "NP", "NS", "RS"]
    assert entry["reason_for_control_text"] == "NS, RS, MT, NP, AT"
    whole = [row for row in entry["licence_requirements"] if row["entire_entry"]]
    assert {column for row in whole for column in row["columns"]} == {"NS2", "AT1"}
    assert entry["licence_exceptions"]["ACM"] == "Yes for 3A001.z"


def test_ccl_reads_a_bare_column_and_a_two_reason_row() -> None:
    entries = import_ccl(CCL)["entries"]
    assert entries["1C351"]["reasons_for_control"] == ["AT1", "CB1", "CB2"]  # "Column 1."
    assert entries["1A231"]["reasons_for_control"] == ["AT1", "NP1"]  # "NP Column 1 AT Column 1"


def _scope(entries: dict[str, Any], eccn: str, column: str) -> dict[str, Any]:
    row = next(r for r in entries[eccn]["licence_requirements"] if column in r["columns"])
    return dict(row["scope"])


def test_ccl_reads_each_rows_paragraph_scope_from_its_text() -> None:
    entries = import_ccl(CCL)["entries"]
    ns2 = _scope(entries, "3B001", "NS2")
    assert ns2["paragraphs"][:4] == ["3B001.a.1", "3B001.a.2", "3B001.a.3", "3B001.b"]
    assert "3B001.g" in ns2["paragraphs"] and "3B001.j" in ns2["paragraphs"]  # "g to j"
    mt = _scope(entries, "3A001", "MT1")
    assert mt["paragraphs"] == ["3A001.z.2"]  # its own segment, no condition
    assert mt["conditional"] == ["3A001.a.1.a", "3A001.a.5.a"]  # "when ..."
    assert _scope(entries, "0A501", "NS1")["except"] == ["0A501.y"]
    # 5A001.b (except .b.5): a bracketed carve-out
    assert _scope(entries, "5A001", "NS2")["except"] == ["5A001.b.5", "5A001.f.3"]
    # "software for commodities controlled by 3A001.b to 3A001.h": names no 3D001 paragraph
    unread = _scope(entries, "3D001", "NS1")
    assert unread["read"] is False and unread["conditional"] == ["3D001"]


def test_ccl_reads_where_a_requirement_stated_in_words_applies() -> None:
    entries = import_ccl(CCL)["entries"]
    rows = {r["control"]: r for r in entries["3A090"]["licence_requirements"]}
    assert rows["RS applies to 3A090.a"]["destinations"]["worldwide"] is True
    b = rows["RS applies to 3A090.b"]["destinations"]
    assert (b["countries"], b["groups"], b["exclude_groups"]) == (
        ["AE"],
        ["D:1", "D:4", "D:5"],
        ["A:5", "A:6"],
    )
    assert rows["RS applies to 3A090.c"]["destinations"]["countries"] == ["MO"]
    rs = {r["control"]: r for r in entries["3B993"]["licence_requirements"]}
    pointer_only = rs["RS applies to entire entry"]
    assert pointer_only["destinations"] is None
    assert pointer_only["pointer"] == "§ 742.6(a)(11)"


def test_override_table_holds_only_valid_codes() -> None:
    overrides = load_overrides()
    assert overrides["kosovo"] == "XK"
    assert all(len(code) == 2 for code in overrides.values())


def test_an_unknown_country_name_names_the_file_and_field(tmp_path: Path) -> None:
    def add_atlantis(document: dict[str, Any]) -> None:
        document["countries"]["Atlantis"] = {"marks": [], "footnotes": []}
        document["countryCount"] += 1

    folder = _edited_copy(tmp_path, CHART, add_atlantis)
    with pytest.raises(InputError, match="Atlantis") as caught:
        import_country_chart(folder / CHART.name)
    assert caught.value.source == CHART.name
    assert caught.value.path == "countries.Atlantis"


def test_a_missing_field_names_the_file_and_field(tmp_path: Path) -> None:
    folder = _edited_copy(tmp_path, CCL, lambda document: document["entries"][0].pop("heading"))
    with pytest.raises(InputError) as caught:
        import_ccl(folder / CCL.name)
    assert str(caught.value) == f"{CCL.name}: entries[0].heading: missing field"


def test_an_unknown_column_mark_is_refused(tmp_path: Path) -> None:
    def mark_xx(document: dict[str, Any]) -> None:
        document["countries"]["China"]["marks"].append("XX 9")

    folder = _edited_copy(tmp_path, CHART, mark_xx)
    with pytest.raises(InputError, match=r"countries\.China\.marks.*XX9"):
        import_country_chart(folder / CHART.name)


def test_a_by_country_index_that_disagrees_with_the_groups_is_refused(tmp_path: Path) -> None:
    def drop_germany(document: dict[str, Any]) -> None:
        document["groups"]["A:1"].remove("Germany")

    folder = _edited_copy(tmp_path, GROUPS, drop_germany)
    with pytest.raises(InputError, match=r"byCountry\.A\.Germany"):
        import_country_groups(folder / GROUPS.name)


def test_a_file_given_to_the_wrong_importer_is_refused() -> None:
    with pytest.raises(InputError, match="Part 774"):
        import_ccl(CHART)


def test_rebuild_writes_nothing_if_one_extract_is_malformed(tmp_path: Path) -> None:
    folder = _edited_copy(tmp_path, CCL, lambda document: document.pop("entries"))
    out = tmp_path / "out"
    with pytest.raises(InputError, match="entries"):
        rebuild(folder, out)
    assert not out.exists()


def test_rebuild_takes_the_newest_extract(tmp_path: Path) -> None:
    def newer(document: dict[str, Any]) -> None:
        document["ecfrIssueDate"] = "2026-08-01"

    folder = _edited_copy(tmp_path, CCL, newer)
    (folder / CCL.name).rename(folder / "ear_part774_ccl_2026-08-01.json")
    shutil.copy(CCL, folder / CCL.name)
    rebuild(folder, tmp_path / "out")
    table = json.loads((tmp_path / "out" / "ccl.json").read_text(encoding="utf-8"))
    assert table["ecfr_issue_date"] == "2026-08-01"


def _app() -> Typer:
    app = Typer()
    cli.register(app)

    @app.command("noop")
    def noop() -> None:
        """Keep Typer in multi-command mode, as under `longarm packs`."""

    return app


def test_cli_import_ecfr_writes_the_tables(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        _app(), ["import-ecfr", "--from", str(SHARED_DATA), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(TABLES)
    assert (tmp_path / "ccl.json").read_bytes() == (DEFAULT_OUT_DIR / "ccl.json").read_bytes()


def test_cli_import_ecfr_exits_2_with_the_error_on_bad_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        _app(), ["import-ecfr", "--from", str(tmp_path), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "no eCFR extract matches" in result.output
