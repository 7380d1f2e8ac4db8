"""`longarm screen` in-process, on a Typer app built in the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from longarm.screening import cli
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
