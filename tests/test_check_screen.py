"""`check --screen`: a case whose parties are only named reaches the same outcome as the case
with declared lists, and the reasons cite the matched list entry and score."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from longarm.cli import app

runner = CliRunner()


def _case(lists: list[dict[str, Any]] | None) -> dict[str, Any]:
    end_user: dict[str, Any] = {
        "id": "EU",
        "name": "Beijing Institute of Technology",
        "country": "CN",
    }
    if lists is not None:
        end_user["lists"] = lists
    return {
        "as_of": "2026-03-01",
        "shipment": {
            "id": "S-SCREEN",
            "ship_from": "US",
            "destination": "CN",
            "exporter": "EXP",
            "end_user": "EU",
            "end_uses": ["civil"],
            "lines": [{"item": "PEN", "quantity": 1}],
        },
        "items": [{"id": "PEN", "origin": "US", "unit_value": 2.0, "controls": ["US:EAR99"]}],
        "parties": [{"id": "EXP", "name": "Acme Pens Inc.", "country": "US"}, end_user],
    }


def _check(tmp_path: Path, data: dict[str, Any], *flags: str) -> dict[str, Any]:
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), "--packs", "us", *flags])
    assert result.exit_code == 0, result.output
    out: dict[str, Any] = json.loads(result.stdout)
    return out


def test_screened_parties_reach_the_declared_outcome(tmp_path: Path) -> None:
    declared = _check(tmp_path, _case([{"list": "US:EL", "policy": "presumption_of_denial"}]))
    screened = _check(tmp_path, _case(None), "--screen")
    unscreened = _check(tmp_path, _case(None))
    assert declared["regimes"]["US"]["outcome"] == "presumption_of_denial"
    assert screened["regimes"]["US"]["outcome"] == declared["regimes"]["US"]["outcome"]
    assert unscreened["regimes"]["US"]["outcome"] == "no_license_required"
    details = " ".join(r["detail"] for r in screened["regimes"]["US"]["reasons"])
    assert "screening hit: entry" in details
    assert "'Beijing Institute of Technology'" in details
    assert "match score" in details
