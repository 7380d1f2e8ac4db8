"""`longarm check --format table|html|pdf [-o FILE]` in-process, as a user runs it."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from typer.testing import CliRunner

from longarm.cli import app

runner = CliRunner()
CASE = str(Path(__file__).with_name("showcase.yaml"))


def test_pdf_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    result = runner.invoke(app, ["check", CASE, "--format", "pdf", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_bytes().startswith(b"%PDF-")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # none left behind


def test_pdf_to_a_pipe() -> None:
    result = runner.invoke(app, ["check", CASE, "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"%PDF-")


def test_output_file_holds_what_stdout_would(tmp_path: Path) -> None:
    for fmt in ("json", "html", "table"):
        target = tmp_path / f"out.{fmt}"
        printed = runner.invoke(app, ["check", CASE, "--format", fmt])
        written = runner.invoke(app, ["check", CASE, "--format", fmt, "-o", str(target)])
        assert written.exit_code == 0, written.output
        assert target.read_text(encoding="utf-8") == printed.stdout


def test_unwritable_output_is_bad_input_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "report.pdf"
    result = runner.invoke(app, ["check", CASE, "--format", "html", "-o", str(target)])
    assert result.exit_code == 2
    assert "report.pdf: cannot write" in result.stderr
    assert not (tmp_path / "missing-folder").exists()


def test_table_in_a_pipe_is_plain_and_fits() -> None:
    result = runner.invoke(app, ["check", CASE, "--format", "table"], env={"COLUMNS": None})
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 100
    narrow = runner.invoke(app, ["check", CASE, "--format", "table"], env={"COLUMNS": "70"})
    assert max(cell_len(line) for line in narrow.stdout.splitlines()) <= 70
    assert "missing:" in narrow.stdout and "items[TBO-5].origin" in narrow.stdout
