"""Real-name figures for `bench/screening.py`: ours and nomenklatura's logic-v2, same run.

- `realworld_fpr`: share of the real unlisted companies with any hit at the default threshold
  (per script: `latin`, `han`; and per group).
- `realworld_recall_at3`: share of the real listed-party queries with one of the party's
  entries among the first 3 hits at the default threshold (per script).

logic-v2 is a pairwise scorer, not a search engine: as yente does, it scores candidates that
a blocking step proposes. Its candidates per query are the union of our 20 best entries at
a threshold of 0 and the 20 best of a brute-force rapidfuzz `token_set_ratio` scan of every
indexed name, so it is not limited by our blocking. Its hits are candidates scoring at least
`LOGIC_V2_THRESHOLD` (yente's default), ranked by score. Queries carry the schema a user
would give: `Person` for the person queries, `Company` for the unlisted companies,
`LegalEntity` otherwise.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from realworld import load_listed, load_unlisted

from longarm.screening.api import Screener
from longarm.screening.model import ListEntry, Query
from longarm.screening.normalise import has_han

ROOT = Path(__file__).resolve().parent.parent
BENCH_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
LOGIC_V2_THRESHOLD = 0.7
CANDIDATES = 20
_SCHEMAS = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane"}


def _script(name: str) -> str:
    return "han" if has_han(name) else "latin"


def _rate(flags: dict[str, list[bool]]) -> dict[str, float]:
    return {k: round(sum(v) / len(v), 4) for k, v in sorted(flags.items()) if v}


def _key(entry: ListEntry) -> str:
    return f"{entry.list_code}:{entry.entry_id}"


def ours(screener: Screener, step: int = 1, split: str = "main") -> dict[str, Any]:
    """Our FPR and recall@3 at the default threshold, overall and per script (every
    `step`-th row: `--quick`)."""
    fp: dict[str, list[bool]] = defaultdict(list)
    for row in load_unlisted(split)[::step]:
        hit = bool(screener.screen(Query(row.name, row.country)).hits)
        for key in ("all", _script(row.name), f"group_{row.group}"):
            fp[key].append(hit)
    found: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for row in load_listed(split)[::step]:
        hits = screener.screen(Query(row.query, row.country)).hits[:3]
        ok = any(_key(h.entry) in row.expected for h in hits)
        if not ok:
            misses.append(row.query)
        for key in ("all", _script(row.query), f"kind_{row.kind}"):
            found[key].append(ok)
    return {"fpr": _rate(fp), "recall_at3": _rate(found), "misses": misses}


def _candidates(screener: Screener, names: list[str], owner: list[int],
                query: Query) -> list[int]:  # fmt: skip
    low = screener.screen(query, threshold=0.0).hits[:CANDIDATES]
    index = screener.matcher.index
    picked = {index.entries.index(h.entry) for h in low} if low else set()
    best = process.extract(query.name, names, scorer=fuzz.token_set_ratio,
                           processor=str.casefold, limit=CANDIDATES * 3)  # fmt: skip
    for _, _, i in best:
        picked.add(owner[i])
        if len(picked) >= 2 * CANDIDATES:
            break
    return sorted(picked)


def logic_v2(screener: Screener, step: int = 1, split: str = "main") -> dict[str, Any] | None:
    """logic-v2's FPR and recall@3 on the same queries, or None if its environment is
    missing (`make bench-env`)."""
    if not BENCH_PYTHON.exists():
        return None
    index = screener.matcher.index
    entries = list(index.entries)
    names = [n.text for n in index.names]
    owner = [n.entry for n in index.names]
    jobs: list[tuple[str, str, str, str, Query, list[int]]] = []
    for u in load_unlisted(split)[::step]:
        q = Query(u.name, u.country)
        cands = _candidates(screener, names, owner, q)
        jobs.append(("unlisted", u.group, u.name, "Company", q, cands))
    listed = load_listed(split)[::step]
    for r in listed:
        q = Query(r.query, r.country)
        schema = "Person" if r.kind == "person" else "LegalEntity"
        jobs.append(("listed", r.id, r.query, schema, q, _candidates(screener, names, owner, q)))
    lines = []
    for _, _, name, schema, q, cands in jobs:
        lines.append(json.dumps({
            "query": {"name": name, "country": q.country, "schema": schema},
            "candidates": [{
                "id": str(c), "schema": _SCHEMAS.get(entries[c].entity_type or "", "LegalEntity"),
                "names": [entries[c].name, *entries[c].aliases],
                "countries": list(entries[c].countries)} for c in cands],
        }, ensure_ascii=False))  # fmt: skip
    done = subprocess.run([str(BENCH_PYTHON), str(ROOT / "bench" / "logic_v2_runner.py")],
                          input="\n".join(lines) + "\n", capture_output=True, text=True,
                          check=True)  # fmt: skip
    results = [json.loads(x) for x in done.stdout.splitlines()]
    expected = {r.id: set(r.expected) for r in listed}
    fp: dict[str, list[bool]] = defaultdict(list)
    found: dict[str, list[bool]] = defaultdict(list)
    for (kind, tag, name, _, _, cands), scores in zip(jobs, results, strict=True):
        ranked = sorted(((s, c) for s, c in zip(scores, cands, strict=True)
                         if s >= LOGIC_V2_THRESHOLD), reverse=True)  # fmt: skip
        if kind == "unlisted":
            for key in ("all", _script(name), f"group_{tag}"):
                fp[key].append(bool(ranked))
        else:
            ok = any(_key(entries[c]) in expected[tag] for _, c in ranked[:3])
            for key in ("all", _script(name)):
                found[key].append(ok)
    return {"fpr": _rate(fp), "recall_at3": _rate(found)}


def figures(screener: Screener, quick: bool) -> dict[str, Any]:
    """The `realworld_*` figures, logic-v2's as baselines, and the ratios."""
    step = 3 if quick else 1
    out = _figures(screener, step, "main")
    held = _figures(screener, 1, "heldout")
    for part in ("figures", "baselines"):
        out[part].update({k.replace("realworld_", "realworld_heldout_").replace(
            "logic_v2_", "logic_v2_heldout_"): v for k, v in held[part].items()})  # fmt: skip
    out["ratios"].update({f"heldout_{k}": v for k, v in held["ratios"].items()})
    return out


def _figures(screener: Screener, step: int, split: str) -> dict[str, Any]:
    mine = ours(screener, step, split)
    log(f"real names ({split}), ours: FPR {mine['fpr']}, recall@3 {mine['recall_at3']}")
    log(f"real names, ours, missed: {mine['misses']}")
    theirs = logic_v2(screener, step, split)
    out: dict[str, Any] = {"figures": {}, "baselines": {}, "ratios": {}}
    f = out["figures"]
    for key in ("all", "latin", "han"):
        suffix = "" if key == "all" else f"_{key}"
        f[f"realworld_fpr{suffix}"] = mine["fpr"].get(key)
        f[f"realworld_recall_at3{suffix}"] = mine["recall_at3"].get(key)
    f["realworld_fpr_by_group"] = {k: v for k, v in mine["fpr"].items() if k.startswith("group_")}
    f["realworld_recall_at3_by_kind"] = {
        k: v for k, v in mine["recall_at3"].items() if k.startswith("kind_")
    }
    f["realworld_sizes"] = {"unlisted": len(load_unlisted(split)[::step]),
                            "listed": len(load_listed(split)[::step])}  # fmt: skip
    if theirs is None:
        out["baselines"]["logic_v2"] = "not run: .venv-bench missing (make bench-env)"
        return out
    log(f"real names, logic-v2: FPR {theirs['fpr']}, recall@3 {theirs['recall_at3']}")
    b = out["baselines"]
    for key in ("all", "latin", "han"):
        suffix = "" if key == "all" else f"_{key}"
        b[f"logic_v2_fpr{suffix}"] = theirs["fpr"].get(key)
        b[f"logic_v2_recall_at3{suffix}"] = theirs["recall_at3"].get(key)
    fpr, base_fpr = mine["fpr"]["all"], theirs["fpr"]["all"]
    # A ratio over a zero FPR is undefined: then the difference is what tells.
    out["ratios"]["fpr_vs_logic_v2"] = round(fpr / base_fpr, 3) if base_fpr else None
    out["ratios"]["fpr_minus_logic_v2"] = round(fpr - base_fpr, 4)
    rec, base_rec = mine["recall_at3"]["all"], theirs["recall_at3"]["all"]
    out["ratios"]["recall_vs_logic_v2"] = round(rec / base_rec, 3) if base_rec else None
    return out


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)
