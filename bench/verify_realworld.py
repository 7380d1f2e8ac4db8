"""Check the real-name evaluation sets against the lists (run after editing them).

    .venv/bin/python bench/verify_realworld.py

- Every listed query's `expected` entries are re-resolved from its `target` pattern on the
  bundled CSL snapshot and the shipped Chinese lists; a mismatch is an error.
- Every unlisted company is checked against every list name and alias: an exact match of the
  normalised name, or a list name holding all of the company's distinctive words (Latin), or a
  Han list name containing the company's name or contained in it once legal forms are
  dropped, is printed as a suspect. A suspect is removed from the set unless a person checked
  that it is another party; `bench/data/README.md` records those checks. The OpenSanctions
  Chinese file (CC BY-NC) is read here for that check only, never shipped.

Exit 1 if anything needs a look.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from realworld import (  # noqa: E402
    SPLITS,
    load_listed,
    load_unlisted,
    resolve_target,
    screening_entries,
)

from longarm.screening.lexicon import load_lexicon  # noqa: E402
from longarm.screening.normalise import has_han, latin_tokens  # noqa: E402

CN_FILE = ROOT.parent / "shared" / "data" / "cn_sanctions_opensanctions_CC-BY-NC.csv"
CHECKED = {
    # name -> why it is not the listed party it resembles (checked by hand, 2026-12-02)
    "Applied Materials, Inc.": "US SME maker; the entries are other 'Applied ... Technologies'",
    "Schneider Electric SE": "French group; the entries are Schneider GmbH and persons",
    "Hermès International": "French group; the entry is the vessel HERMES",
    "Orange S.A.": "French telecom; the entry is an 'Orange Bank' alias elsewhere",
    "Société Générale": "French bank; the entries are 'Société Générale des Pains'",
    "ITC Limited": "Indian group; the entries are ITC Consultants Cyprus / ITC Electronics",
    "Oil and Natural Gas Corporation Limited": "ONGC (India); entry is an oil and gas trader",
    "Industrial and Commercial Bank of China Limited": "ICBC; entries share generic words",
    "China Construction Bank Corporation": "CCB; the entry is China Communications Construction",
    "Agricultural Bank of China Limited": "ABC; the entry is an agricultural development bank",
    "China Life Insurance Company Limited": "China Life; entries are other life insurers",
    "Sunny Optical Technology (Group) Company Limited": "entries are other 'Sunny' traders",
    "Delta Electronics, Inc.": "Taiwanese maker; entries are Hongkong Delta Electronics "
    "Technology (UVL) and an Iranian alias",
    "Tata Motors Limited": "Indian maker; 'TATA' is an alias of a Colombian person (SDN)",
    "Tata Steel Limited": "Indian maker; 'TATA' is an alias of a Colombian person (SDN)",
    "Sun Pharmaceutical Industries Limited": "Indian maker; entries are other 'Sun' names",
    "Ping An Insurance (Group) Company of China, Ltd.": "insurer; the entry is another 'Ping An'",
    "SAIC Motor Corporation Limited": "Shanghai carmaker; 'SAIC' is an alias of Iran's Shahed "
    "Aviation Industries Research Center",
    "Great Wall Motor Company Limited": "carmaker; the entry is an Anhui military industry group",
    "Li Auto Inc.": "carmaker; the entry is a bare one-word alias 'LI'",
    "Standard Bank Group": "South African bank; entries are Russian Standard Bank and others",
    "The Bank of East Asia, Limited": "Hong Kong bank; entries share only generic words",
}


def _han_core(text: str) -> str:
    from opencc import OpenCC

    simplified = OpenCC("t2s").convert(text)
    for form in load_lexicon().han_legal_forms:
        simplified = simplified.replace(form, "")
    return re.sub(r"[\s()（）·]", "", simplified)


def main() -> int:
    entries = screening_entries()
    problems = 0
    for row in [r for split in SPLITS for r in load_listed(split)]:
        found = resolve_target(row.target, entries)
        if set(found) != set(row.expected):
            print(f"listed {row.id} {row.query!r}: expected entries changed", file=sys.stderr)
            problems += 1
    names: list[str] = [n for e in entries for n in (e.name, *e.aliases)]
    if CN_FILE.exists():
        with CN_FILE.open(encoding="utf-8") as fh:
            for rec in csv.DictReader(fh):
                names.extend(x for x in (rec["Name"], rec["Chinese name"]) if x)
    latin = [set(latin_tokens(n)) for n in names if not has_han(n)]
    han = [_han_core(n) for n in names if has_han(n)]
    generic = load_lexicon().generic
    for row in [r for split in SPLITS for r in load_unlisted(split)]:
        if row.name in CHECKED:
            continue
        if has_han(row.name):
            core = _han_core(row.name)
            bad = [h for h in han if len(h) >= 2 and (h == core or (len(core) >= 3 and core in h))]
        else:
            words = {t for t in latin_tokens(row.name) if t not in generic and len(t) > 1}
            # The same distinctive words, or all of two or more of them, in one list name.
            bad = [
                " ".join(sorted(s))
                for s in latin
                if words and (words == s - generic or (len(words) > 1 and words <= s))
            ]
        if bad:
            print(f"unlisted {row.id} {row.name!r} resembles {bad[:3]}", file=sys.stderr)
            problems += 1
    print(f"{problems} to look at", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
