"""longarm: extraterritorial export-control determinations, explained and cited.

The public API; everything else is internal and may change.

    case = longarm.read_case(Path("case.yaml"))
    determination = longarm.determine(case)          # every pack, as in force on case.as_of
    print(determination.dumps())                      # the contract's JSON
    longarm.screen_name("中芯国际集成电路制造有限公司", country="CN").to_dict()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from longarm.domain.case import Case
from longarm.domain.determination import Determination, Reason
from longarm.domain.vocab import Outcome, Status
from longarm.engine import determine
from longarm.errors import InputError, LongarmError, PackError
from longarm.io.case_reader import parse_case, read_case
from longarm.rulebook.loader import load_pack
from longarm.rulebook.rulebook import RuleBook

if TYPE_CHECKING:
    from longarm.screening.model import ScreenResult

__all__ = [
    "Case",
    "Determination",
    "InputError",
    "LongarmError",
    "Outcome",
    "PackError",
    "Reason",
    "RuleBook",
    "Status",
    "determine",
    "load_pack",
    "parse_case",
    "read_case",
    "screen_name",
]


def screen_name(name: str, **kwargs: Any) -> ScreenResult:
    """Screen one name against the bundled lists (imported lazily: the index takes seconds)."""
    from longarm.screening.api import screen_name as _screen_name

    return _screen_name(name, **kwargs)
