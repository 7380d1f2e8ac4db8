"""Benchmark: import time of `longarm check` on one small case (CONTRACT section 7 output).

Each measurement is a fresh interpreter run with `-X importtime`; the figure is the sum of
the modules' own import times (what `python -X importtime` reports), best of several runs:
- `check_import_s`: everything `longarm check CASE` imports, audit append included;
- `check_import_s_without_audit`: the same without the DuckDB store, which only the audit
  record after the determination needs;
- `cli_import_s`: `import longarm.cli` alone.
The baseline is the same check with the screening stack imported up front, as the CLI did
before its imports were made lazy. The 0.3 s target assumes a quiet machine: the load
average is printed, since on a shared machine every figure scales with it.

Usage: python bench/startup.py [--quick]. The last line is the contract's JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASE = Path(__file__).resolve().parents[1] / "src" / "longarm" / "demo"
RUN = """
import sys
sys.argv = ["longarm", "check", sys.argv[1]]
{pre}
from longarm.cli import main
try:
    main()
except SystemExit:
    pass
"""
_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


def import_seconds(code: str, args: list[str], env: dict[str, str]) -> tuple[float, ...]:
    """(total own import time, own import time outside duckdb, wall time, CPU time)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *args],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    total = without = 0
    for line in done.stderr.splitlines():
        match = _LINE.match(line)
        if match:
            own, name = int(match[1]), match[4]
            total += own
            if not name.startswith(("duckdb", "_duckdb", "longarm.store")):
                without += own
    return total / 1e6, without / 1e6, wall, cpu


def best(runs: int, code: str, args: list[str], env: dict[str, str]) -> tuple[float, ...]:
    results = [import_seconds(code, args, env) for _ in range(runs)]
    return tuple(min(r[k] for r in results) for k in range(4))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    case = str(sorted(CASE.glob("*.yaml"))[0])
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "LONGARM_STORE": str(Path(tmp) / "store.duckdb")}
        check, check_light, wall, cpu = best(runs, RUN.format(pre=""), [case], env)
        cli, _, _, _ = best(runs, "import longarm.cli", [], env)
        eager = RUN.format(pre="import longarm.screening.api, longarm.screening.store")
        base, _, base_wall, base_cpu = best(runs, eager, [case], env)
    load = os.getloadavg()[0]
    print(
        f"longarm check {Path(case).name}: {check:.3f} s of imports ({check_light:.3f} s "
        f"without the audit store), {wall:.2f} s wall; import longarm.cli {cli:.3f} s"
    )
    print(f"baseline (screening stack imported up front): {base:.3f} s; load average {load:.1f}")
    print(
        json.dumps(
            {
                "benchmark": "startup",
                "figures": {
                    "check_import_s": round(check, 3),
                    "check_import_s_without_audit": round(check_light, 3),
                    "cli_import_s": round(cli, 3),
                    "check_wall_s": round(wall, 3),
                    "check_cpu_s": round(cpu, 3),
                    "load_average": round(load, 2),
                },
                "baselines": {
                    "eager_import_s": round(base, 3),
                    "eager_wall_s": round(base_wall, 3),
                    "eager_cpu_s": round(base_cpu, 3),
                },
                "ratios": {"vs_eager_import": round(base / check, 2)},
            },
            sort_keys=True,
        )
    )


if __name__ == "__main__":
    main()
