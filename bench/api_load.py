"""Benchmark: the REST API under an open-loop load on loopback (CONTRACT section 7).

A real `longarm serve` process (fresh store in a temporary folder, one analyst key) answers
`POST /v1/determinations` with a realistic multi-level case: a German machine of 26 items over
four levels (modules, sub-assemblies, parts) with Chinese rare-earth magnets and gallium
parts, US-origin controlled electronics and a US EAR99 board, sold to an Indian end user
owned through a holding company. Each answer is a full determination (CN and US), stored and
written to the audit log, as in production.

The steady and step phases send the same case again and again (an ERP re-checking its open
orders): the server decides it once and reuses the answer (`longarm.api.result_cache`), while
every request is still stored and audited on its own. A last phase sends a case the server
has not seen with every request, at 10 a second, where the engine itself sets the latency.

Open loop: requests are sent on a fixed schedule whether or not earlier ones have answered,
and each latency is measured from the request's scheduled time, so a slow server cannot hide
its queue (no coordinated omission). Phase 1 holds 200 requests a second for 30 s (10 s with
`--quick`); phase 2 steps the rate up until p99 reaches 50 ms or a request fails, and
`max_rps` is the highest step that held. The baseline is the same determination in-process
(`determine()` and `dumps()` without HTTP or the store), on one core.

Usage: python bench/api_load.py [--quick]. The last line is the contract's JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

TARGET_P99_MS = 50.0
STEADY_RPS = 200
UNIQUE_RPS = 10
"""Rate of the unique-case phase: every request a case the server has not seen."""
STEPS = (250, 300, 350, 400, 450, 500, 600)
TIMEOUT_S = 5.0


def machine_case() -> dict[str, Any]:
    """A four-level bill of materials with Chinese and US content and an ownership chain."""
    items: list[dict[str, Any]] = [
        {"id": "CNC", "description": "5-axis machining centre", "origin": "DE",
         "unit_value": 250000, "controls": ["US:EAR99"],
         "components": [{"item": f"MOD-{k}", "quantity": 1} for k in range(4)]},
    ]  # fmt: skip
    for k in range(4):
        items.append(
            {"id": f"MOD-{k}", "description": f"Module {k}", "origin": "DE", "unit_value": 30000,
             "components": [{"item": f"SUB-{k}-{j}", "quantity": 2} for j in range(2)]
             + [{"item": "BOARD-US", "quantity": 1}]}
        )  # fmt: skip
        for j in range(2):
            parts = [
                {"item": "MAG-CN", "quantity": 12},
                {"item": "GAN-CN" if j else "FPGA-US", "quantity": 2},
                {"item": f"HOUSING-{k}", "quantity": 1},
            ]
            items.append(
                {"id": f"SUB-{k}-{j}", "description": "Servo drive", "origin": "JP",
                 "unit_value": 4000, "components": parts}
            )  # fmt: skip
        items.append(
            {"id": f"HOUSING-{k}", "description": "Cast housing", "origin": "CZ",
             "unit_value": 300}
        )  # fmt: skip
    items += [
        {"id": "MAG-CN", "description": "Sintered Dy-NdFeB magnet", "origin": "CN",
         "unit_value": 9.5, "materials": [{"element": "Dy", "form": "permanent_magnet"}]},
        {"id": "GAN-CN", "description": "GaN power transistor", "origin": "CN",
         "unit_value": 14, "materials": [{"element": "Ga", "form": "compound",
                                          "designation": "GaN"}]},
        {"id": "FPGA-US", "description": "US-origin FPGA", "origin": "US", "unit_value": 900,
         "controls": ["US:3A001"]},
        {"id": "BOARD-US", "description": "US-origin controller board", "origin": "US",
         "unit_value": 1200, "controls": ["US:EAR99"]},
    ]  # fmt: skip
    return {
        "as_of": "2026-12-15",
        "shipment": {"id": "LOAD-1", "ship_from": "DE", "destination": "IN", "exporter": "EXP",
                     "consignee": "IMP", "end_user": "EU", "end_uses": ["civil"],
                     "lines": [{"item": "CNC", "quantity": 2}, {"item": "MOD-1", "quantity": 3},
                               {"item": "SUB-2-1", "quantity": 10}]},
        "items": items,
        "parties": [
            {"id": "EXP", "name": "Werkzeugmaschinen Ulm GmbH", "country": "DE"},
            {"id": "IMP", "name": "Mumbai Machine Traders Pvt Ltd", "country": "IN"},
            {"id": "EU", "name": "Pune Auto Components Ltd", "country": "IN",
             "owners": [{"party": "HOLD", "share": 0.6}]},
            {"id": "HOLD", "name": "Deccan Industrial Holdings Ltd", "country": "IN",
             "owners": [{"party": "TOP", "share": 0.3}]},
            {"id": "TOP", "name": "Western Ghats Capital", "country": "SG"},
        ],
    }  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(folder: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    from longarm.store.database import Store
    from longarm.store.keys import Role, create_key

    store = folder / "bench.duckdb"
    with Store.open(store) as opened:
        key = create_key(opened, Role.ANALYST, actor="bench")[1]
    port = _free_port()
    command = [sys.executable, "-c", "from longarm.cli import main; main()", "serve"]
    command += ["--port", str(port), "--store", str(store), "--no-preload-screener"]
    log = (folder / "server.log").open("wb")
    env = {**os.environ, "LONGARM_STORE": str(store)}
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return process, url, key
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("server did not start: " + (folder / "server.log").read_text())


async def open_loop(
    url: str, key: str, body: Callable[[int], bytes], rate: float, seconds: float
) -> dict[str, Any]:
    """Send `rate` requests a second for `seconds` on schedule; latencies from schedule."""
    limits = httpx.Limits(max_connections=512, max_keepalive_connections=512)
    headers = {"X-API-Key": key, "Content-Type": "application/json"}
    latencies: list[float] = []
    errors = 0
    async with httpx.AsyncClient(limits=limits, timeout=TIMEOUT_S) as client:

        async def one(scheduled: float, content: bytes) -> None:
            nonlocal errors
            try:
                answer = await client.post(url + "/v1/determinations", content=content,
                                           headers=headers)  # fmt: skip
                ok = answer.status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies.append((time.perf_counter() - scheduled) * 1000)
            errors += 0 if ok else 1

        total = int(rate * seconds)
        start = time.perf_counter() + 0.05
        tasks = []
        for n in range(total):
            scheduled = start + n / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(scheduled, body(n))))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "rate": rate,
        "sent": total,
        "requests_per_s": round(total / elapsed, 1),
        "p50_ms": round(_quantile(latencies, 0.50), 2),
        "p99_ms": round(_quantile(latencies, 0.99), 2),
        "max_ms": round(latencies[-1], 2) if latencies else 0.0,
        "errors": errors,
    }


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(q * len(values)))]


def in_process_rate(case: dict[str, Any], seconds: float) -> float:
    from longarm.engine import determine
    from longarm.io.case_reader import parse_case

    text = json.dumps(case)
    determine(parse_case(text, as_json=True)).dumps()
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        determine(parse_case(text, as_json=True)).dumps()
        done += 1
    return done / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 s steady, 4 s steps")
    args = parser.parse_args()
    steady_s, step_s = (10.0, 4.0) if args.quick else (30.0, 8.0)
    case = machine_case()
    same = json.dumps(case).encode()

    def repeated(n: int) -> bytes:
        return same

    def unique(n: int) -> bytes:
        case["shipment"]["id"] = f"LOAD-U{n}"
        return json.dumps(case).encode()

    baseline = in_process_rate(case, 3.0)
    with tempfile.TemporaryDirectory() as tmp:
        process, url, key = start_server(Path(tmp))
        try:
            check = httpx.post(url + "/v1/determinations", content=same,
                               headers={"X-API-Key": key}, timeout=30)  # fmt: skip
            if check.status_code != 200:
                raise SystemExit(f"the case was refused: {check.text}")
            asyncio.run(open_loop(url, key, repeated, 50, 2.0))  # warm up
            steady = asyncio.run(open_loop(url, key, repeated, STEADY_RPS, steady_s))
            print(json.dumps({"phase": "steady", **steady}), flush=True)
            steps, max_rps = [], 0
            if steady["p99_ms"] < TARGET_P99_MS and steady["errors"] == 0:
                max_rps = STEADY_RPS
                for rate in STEPS:
                    step = asyncio.run(open_loop(url, key, repeated, rate, step_s))
                    steps.append(step)
                    print(json.dumps({"phase": "step", **step}), flush=True)
                    if step["p99_ms"] >= TARGET_P99_MS or step["errors"]:
                        break
                    max_rps = rate
            fresh = asyncio.run(open_loop(url, key, unique, UNIQUE_RPS, step_s))
            print(json.dumps({"phase": "unique", **fresh}), flush=True)
        finally:
            process.terminate()
            process.wait(timeout=30)
    result = {
        "benchmark": "api_load",
        "figures": {
            "requests_per_s": steady["requests_per_s"],
            "p50_ms": steady["p50_ms"],
            "p99_ms": steady["p99_ms"],
            "max_ms": steady["max_ms"],
            "errors": steady["errors"],
            "max_rps": max_rps,
            "steady_rps_target": STEADY_RPS,
            "steady_seconds": steady_s,
            "items_in_case": len(case["items"]),
            "steps": [{k: s[k] for k in ("rate", "p50_ms", "p99_ms", "errors")} for s in steps],
            "unique_cases_rps": UNIQUE_RPS,
            "unique_p50_ms": fresh["p50_ms"],
            "unique_p99_ms": fresh["p99_ms"],
            "unique_errors": fresh["errors"],
        },
        "baselines": {"in_process_determinations_per_s": round(baseline, 1)},
        "ratios": {"max_rps_vs_in_process": round(max_rps / baseline, 3) if baseline else None},
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
