"""Score (query, candidate) pairs with nomenklatura's logic-v2, for `bench/screening.py`.

Runs in its own environment (`make bench-env`: `.venv-bench`, nomenklatura pinned in
`bench/requirements-logic-v2.txt`), because nomenklatura requires duckdb < 2 and longarm
pins duckdb 2.0.1. Reads one JSON object per line on stdin:

    {"query": {"name": ..., "country": ..., "schema": "Company"},
     "candidates": [{"id": ..., "schema": "LegalEntity", "names": [...], "countries": [...]}]}

and writes one JSON list of scores (in candidate order) per line on stdout.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from followthemoney import model
from nomenklatura.matching import get_algorithm


def _entity(ident: str, schema: str, names: list[str], countries: list[str]) -> Any:
    entity = model.make_entity(schema)
    entity.id = ident
    entity.add("name", names)
    entity.add("country", [c.lower() for c in countries if c], quiet=True)
    return entity


def main() -> None:
    algorithm = get_algorithm("logic-v2")
    assert algorithm is not None
    config = algorithm.default_config()
    for n, line in enumerate(sys.stdin):
        job = json.loads(line)
        q = job["query"]
        # A fresh id per query: logic-v2 caches name analysis by entity id.
        countries = [q["country"]] if q.get("country") else []
        query = _entity(f"query-{n}", q["schema"], [q["name"]], countries)
        scores = []
        for c in job["candidates"]:
            result = _entity(f"{n}-{c['id']}", c["schema"], c["names"], c["countries"])
            scores.append(round(float(algorithm.compare(query, result, config).score), 4))
        sys.stdout.write(json.dumps(scores) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
