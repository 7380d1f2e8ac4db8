"""`longarm screen` in-process, on a Typer app built in the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from longarm.interfaces import screen_cmd as cli
from longarm.screening.api import Screener


@pytest.fixture()
def app(small_screener: Screener, monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setattr(cli, "_screener", lambda *_: small_screener)
    application = typer.Typer()
    cli.register(application)

    @application.command("noop")
    def noop() -> None:  # a second command keeps `screen` a subcommand
        """Nothing."""

    return application


def test_screen_name_json(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["screen", "SMIC", "--country", "CN"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["hits"][0]["entry_id"] == "el-1"


def test_screen_table(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["screen", "SMIC", "--format", "table"])
    assert result.exit_code == 0 and "US:EL" in result.stdout


def test_screen_file_jsonl_in_order(app: typer.Typer, tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("id,name,country\nc-1,Acme Robotics,US\nc-2,Huawei Technologies,CN\n")
    result = CliRunner().invoke(app, ["screen", "--file", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert [x["query"]["id"] for x in lines] == ["c-1", "c-2"]
    assert not lines[0]["hits"] and lines[1]["hits"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("id,nom\n1,x\n", "header: missing column(s) name"),
        ("id,name\n1,\n", "row 2: name: empty name"),
    ],
)
def test_bad_input_exits_2(
    app: typer.Typer, tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "in.csv"
    if content is not None:
        path.write_text(content)
    result = CliRunner().invoke(app, ["screen", "--file", str(path)])
    assert result.exit_code == 2
    assert "in.csv" in result.output and message in result.output


@pytest.fixture()
def admin_app() -> typer.Typer:
    application = typer.Typer()
    cli.register(application)

    @application.command("noop")
    def noop() -> None:
        """Nothing."""

    return application


def test_screen_import_versions_snapshots(
    admin_app: typer.Typer, shared_data: Path, tmp_path: Path
) -> None:
    store = tmp_path / "lists.duckdb"
    args = [
        "screen",
        "import",
        "--source",
        "dpl",
        str(shared_data / "bis_dpl_2022-09_watchman.txt"),
        "--as-of",
        "2022-09-30",
        "--store",
        str(store),
    ]
    first = CliRunner().invoke(admin_app, args)
    assert first.exit_code == 0, first.output
    out = json.loads(first.stdout)
    assert out["source"] and out["snapshot_date"] == "2022-09-30" and out["version"] == 1
    assert out["entries"] > 100
    second = json.loads(CliRunner().invoke(admin_app, args).stdout)
    assert second["version"] == 2


def test_screen_import_rejects_bad_input(admin_app: typer.Typer, tmp_path: Path) -> None:
    store = str(tmp_path / "s.duckdb")
    bad_source = CliRunner().invoke(
        admin_app,
        [
            "screen",
            "import",
            "--source",
            "xyz",
            str(tmp_path),
            "--as-of",
            "2026-01-01",
            "--store",
            store,
        ],
    )
    assert bad_source.exit_code == 2 and "unknown source" in bad_source.stderr
    bad_date = CliRunner().invoke(
        admin_app,
        [
            "screen",
            "import",
            "--source",
            "csl",
            str(tmp_path),
            "--as-of",
            "31/07",
            "--store",
            store,
        ],
    )
    assert bad_date.exit_code == 2


def test_screen_file_workers_give_the_serial_output(app: typer.Typer, tmp_path: Path) -> None:
    names = ["Huawei Technologies", "SMIC", "Rami Makhluf", "Acme Robotics", "中芯国际"]
    rows = [f"c-{i},{names[i % len(names)]},{'CN' if i % 3 else ''}" for i in range(600)]
    path = tmp_path / "names.csv"
    path.write_text("id,name,country\n" + "\n".join(rows) + "\n", encoding="utf-8")
    outputs = []
    for workers in ("1", "2"):
        args = ["screen", "--file", str(path), "--format", "jsonl", "--workers", workers]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        outputs.append([x for x in result.stdout.splitlines() if x.startswith("{")])
    assert len(outputs[0]) == 600 and outputs[0] == outputs[1]
    bad = CliRunner().invoke(app, ["screen", "--file", str(path), "--workers", "0"])
    assert bad.exit_code == 2
