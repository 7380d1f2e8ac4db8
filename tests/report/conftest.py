"""Fixtures for the report tests.

Strategy: one showcase case on disk (`showcase.yaml`: two lines, a three-level bill of
materials, Chinese party names, an Entity List owner, unknown facts) determined once per
session with the bundled packs; each test renders it and reads the result back (HTML parsed
with the standard library, PDF text extracted with pypdf). Nothing mutates global settings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from longarm.domain.case import Case
from longarm.domain.determination import Determination
from longarm.engine import determine
from longarm.io.case_reader import read_case

SHOWCASE = Path(__file__).with_name("showcase.yaml")


@pytest.fixture(scope="session")
def showcase() -> tuple[Determination, Case]:
    case = read_case(SHOWCASE)
    return determine(case), case
