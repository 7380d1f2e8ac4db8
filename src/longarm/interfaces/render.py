"""Serialise a determination: JSON (the contract), a table for people, the filed report
(HTML or PDF), to standard output or a file.

Only JSON is rendered on import-light paths: the table imports rich, the report Jinja2, the
PDF WeasyPrint, each when asked for.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from longarm.domain.case import Case
from longarm.domain.determination import Determination
from longarm.errors import InputError

TEXT_FORMATS = ("json", "table", "html")
FORMATS = (*TEXT_FORMATS, "pdf")


def render(
    determination: Determination,
    fmt: str,
    case: Case | None = None,
    *,
    width: int | None = None,
    color: bool = False,
    list_snapshots: Mapping[str, date] | None = None,
) -> str:
    """One text format of a determination.

    Args:
        determination: what the engine decided.
        fmt: `json`, `table` or `html`.
        case: the case decided; the HTML report needs it (parties, bills of materials).
        width: columns for the table (default: `PIPE_WIDTH`, or `COLUMNS` if set).
        color: ANSI colours in the table.
        list_snapshots: list code -> snapshot date, when memberships came from screening.
    """
    if fmt == "json":
        return determination.dumps()
    if fmt == "table":
        from longarm.report.table import render_table

        return render_table(determination, case, width=width or pipe_width(), color=color)
    if fmt == "html":
        from longarm.report.determination import render_report_html

        return render_report_html(determination, _needs(case), list_snapshots=list_snapshots)
    raise ValueError(f"unknown format {fmt!r}")


def render_pdf(
    determination: Determination,
    case: Case,
    *,
    list_snapshots: Mapping[str, date] | None = None,
) -> bytes:
    from longarm.report.determination import render_report_pdf

    return render_report_pdf(determination, case, list_snapshots=list_snapshots)


def emit(
    determination: Determination,
    case: Case,
    fmt: str,
    output: Path | None = None,
    *,
    screened: bool = False,
    stdout: TextIO | None = None,
) -> None:
    """Write a determination for `longarm check`: to `output` if given, else standard output.

    A file is written whole or not at all (a temporary file renamed into place). The table
    fits the terminal and is coloured only when standard output is a terminal.

    Raises:
        InputError: PDF asked for on a terminal without `-o`, or `output` cannot be written.
    """
    out = stdout or sys.stdout
    snapshots = screened_list_snapshots() if screened else None
    tty = output is None and out.isatty()
    if fmt == "pdf":
        if output is None and tty:
            raise InputError("--format pdf", "", "a PDF is binary: write it with -o FILE")
        data = render_pdf(determination, case, list_snapshots=snapshots)
        if output is None:
            out.flush()
            out.buffer.write(data)
            out.buffer.flush()
        else:
            _write_whole(output, data)
        return
    width = shutil.get_terminal_size().columns if tty else None
    color = tty and "NO_COLOR" not in os.environ
    text = render(determination, fmt, case, width=width, color=color, list_snapshots=snapshots)
    if output is None:
        out.write(text)
    else:
        _write_whole(output, text.encode("utf-8"))


def emit_many(
    results: Sequence[tuple[Path, Case, Determination]],
    fmt: str,
    output: Path | None = None,
    *,
    screened: bool = False,
) -> None:
    """`emit` for one case; several as a JSON array, or one after another headed by file."""
    if len(results) == 1:
        _, case, determination = results[0]
        emit(determination, case, fmt, output, screened=screened)
        return
    if fmt == "pdf":
        raise InputError("--format pdf", "", "one PDF per case: check one case at a time")
    snapshots = screened_list_snapshots() if screened else None
    if fmt == "json":
        text = json.dumps(
            [d.to_json() for _, _, d in results], sort_keys=True, ensure_ascii=False, indent=2
        )
        text += "\n"
    else:
        text = "".join(
            f"== {path}\n{render(d, fmt, case, list_snapshots=snapshots)}"
            for path, case, d in results
        )
    if output is None:
        sys.stdout.write(text)
    else:
        _write_whole(output, text.encode("utf-8"))


def pipe_width() -> int:
    """Columns for a table that is not going to a terminal: `COLUMNS`, else `PIPE_WIDTH`."""
    from longarm.report.table import PIPE_WIDTH

    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        return PIPE_WIDTH


def screened_list_snapshots() -> dict[str, date]:
    """The snapshot date of each list `check --screen` screened against."""
    from longarm.screening.api import load_default_screener

    return dict(load_default_screener().vintages)


def _needs(case: Case | None) -> Case:
    if case is None:
        raise ValueError("the report needs the case that was decided")
    return case


def _write_whole(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(str(path), "", f"cannot write: {exc.strerror or exc}") from exc
