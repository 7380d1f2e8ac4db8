"""Reliability figures (issue 10; CONTRACT section 7): bad inputs against the real CLI,
one-fact blurs of every passing case, and pack tampering.

    python bench/reliability.py [--quick]

Bad inputs: each generated file (`tests/reliability/mutations.py`) is checked by the real
`longarm check` entry point in a forked child of a warm process (so a thousand runs take
seconds, not an hour of interpreter start-ups), with a timeout; a sample also runs as fresh
`longarm check` subprocesses. Exit 2 with the file named and nothing on stdout is a clean
refusal; exit 0 is an accepted bad input; anything else a crash; past the timeout a hang.
Blurs: one fact at a time made unknown (origin, value, share, classification, materials,
technologies, end uses) in every case with `expect:`; an outcome less severe than before
that is not `needs_review` is a silent clearance. Tampering: a copy of the packs edited,
truncated, deleted from, added to or with its manifest edited, then `longarm check`
through `LONGARM_PACKS`: detected when refused naming SHA256SUMS.
Batch kill/resume and audit-log tampering are not measured here yet (null figures).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[0] = str(REPO / "tests")  # not bench/: this script's own name would shadow the package

from reliability.mutations import (  # noqa: E402
    mutated,
    mutations,
    rich_case,
    structural,
    to_json,
    to_yaml,
)

TIMEOUT_S = 20.0
LONGARM = str(Path(sys.executable).with_name("longarm"))


def _forked_check(path: Path, out_dir: Path) -> tuple[str, float]:
    """Run `longarm check PATH` in a forked child; classify what it did."""
    from longarm import cli

    out, err = out_dir / "out", out_dir / "err"
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: the real entry point, its own stdout/stderr
        code = 99
        try:
            with out.open("wb") as o, err.open("wb") as e:
                os.dup2(o.fileno(), 1)
                os.dup2(e.fileno(), 2)
                sys.argv = ["longarm", "check", str(path)]
                try:
                    cli.main()
                    code = 0
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else 1
                except BaseException:
                    import traceback

                    traceback.print_exc()
                    code = 98
                sys.stdout.flush()
                sys.stderr.flush()
        finally:
            os._exit(code)
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() - start > TIMEOUT_S:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            return "hang", TIMEOUT_S
        time.sleep(0.002)
    rc = os.waitstatus_to_exitcode(status)
    return _classify(rc, out.read_text(errors="replace"), err.read_text(errors="replace"), path), (
        time.perf_counter() - start
    )


def _classify(rc: int, stdout: str, stderr: str, path: Path) -> str:
    if rc == 0:
        return "accepted"
    if rc == 2 and "Traceback" not in stderr and not stdout and str(path) in stderr:
        return "refused"
    return "crash"


def bad_inputs(quick: bool, work: Path) -> dict[str, Any]:
    base = rich_case()
    rng = random.Random(10)
    found = mutations(base)
    rng.shuffle(found)
    docs: list[tuple[str, bytes, str]] = []
    for label, edit in found[: 150 if quick else len(found)]:
        data = mutated(base, (label, edit))
        docs.append((label, to_yaml(data).encode(), ".yaml"))
        docs.append((label, to_json(data).encode(), ".json"))
    for _ in range(60 if quick else 300):
        docs.append(structural(rng))
    docs.append(("a folder", b"", "/"))
    counts = {"refused": 0, "accepted": 0, "crash": 0, "hang": 0}
    examples: dict[str, list[str]] = {"accepted": [], "crash": [], "hang": []}
    slowest = 0.0
    for n, (label, content, suffix) in enumerate(docs):
        path = work / f"bad{n}{suffix}" if suffix != "/" else work / f"folder{n}.yaml"
        if suffix == "/":
            path.mkdir()
        else:
            path.write_bytes(content)
        kind, seconds = _forked_check(path, work)
        slowest = max(slowest, seconds)
        counts[kind] += 1
        if kind != "refused" and len(examples[kind]) < 5:
            examples[kind].append(label)
    fresh = 0
    for label, content, suffix in docs[:: max(1, len(docs) // (10 if quick else 30))]:
        if suffix == "/":
            continue
        path = work / f"fresh{fresh}{suffix}"
        path.write_bytes(content)
        try:
            run = subprocess.run(
                [LONGARM, "check", str(path)], capture_output=True, text=True, timeout=60
            )
            kind = _classify(run.returncode, run.stdout, run.stderr, path)
        except subprocess.TimeoutExpired:
            kind = "hang"
        counts[kind] += 1
        fresh += 1
        if kind != "refused" and len(examples[kind]) < 5:
            examples[kind].append(f"(subprocess) {label}")
    return {
        "tried": len(docs) + fresh,
        "fresh_subprocesses": fresh,
        "slowest_s": round(slowest, 2),
        **counts,
        "examples": examples,
    }


_BLURS = ("origin", "unit_value", "share", "controls", "materials", "technologies", "end_uses")


def _blurs(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []

    def variant(label: str, edit: Any) -> None:
        copy_ = copy.deepcopy(data)
        edit(copy_)
        out.append((label, copy_))

    for n, item in enumerate(data.get("items", [])):
        iid = item.get("id")
        if item.get("origin") not in (None, "unknown"):
            variant(
                f"items[{iid}].origin",
                lambda d, n=n: d["items"][n].__setitem__("origin", "unknown"),
            )
        if item.get("unit_value") is not None:
            variant(
                f"items[{iid}].unit_value",
                lambda d, n=n: d["items"][n].__setitem__("unit_value", None),
            )
        for field in ("controls", "materials"):
            if item.get(field):
                variant(f"items[{iid}].{field}", lambda d, n=n, f=field: d["items"][n].pop(f))
        if item.get("technologies") not in (None, "unknown"):
            variant(
                f"items[{iid}].technologies",
                lambda d, n=n: d["items"][n].__setitem__("technologies", "unknown"),
            )
    for n, party in enumerate(data.get("parties", [])):
        for m, owner in enumerate(party.get("owners", [])):
            if owner.get("share") is not None:
                variant(
                    f"parties[{party.get('id')}].owners[{m}].share",
                    lambda d, n=n, m=m: d["parties"][n]["owners"][m].__setitem__("share", None),
                )
    if data.get("shipment", {}).get("end_uses") not in (None, ["unknown"]):
        variant("shipment.end_uses", lambda d: d["shipment"].pop("end_uses"))
    return out


def blurs(quick: bool) -> dict[str, Any]:
    import yaml

    from longarm.engine import determine
    from longarm.errors import InputError
    from longarm.io.case_reader import parse_case, read_case
    from longarm.io.strict_yaml import load_yaml

    files = sorted((REPO.parent / "shared" / "cases").glob("*.yaml"))
    files += sorted((REPO / "tests" / "cases").rglob("*.yaml"))
    if quick:
        files = files[::12]
    tried = silent = unreadable = 0
    examples: list[str] = []
    for path in files:
        case = read_case(path)
        if not case.expect:
            continue
        before = determine(case)
        raw = load_yaml(path.read_text(encoding="utf-8"))
        for label, data in _blurs(raw):
            try:
                blurred = parse_case(
                    yaml.safe_dump(json.loads(json.dumps(data, default=str))), str(path)
                )
            except InputError:
                unreadable += 1
                continue
            after = determine(blurred)
            tried += 1
            for regime, result in after.regimes.items():
                old = before.regimes[regime].outcome
                new = result.outcome
                if new.severity < old.severity:
                    silent += 1
                    if len(examples) < 10:
                        examples.append(
                            f"{path.name}: {label}: {regime} {old.value} -> {new.value}"
                        )
    return {
        "tried": tried,
        "silent_clearances": silent,
        "blur_unreadable": unreadable,
        "examples": examples,
    }


def tampering(work: Path) -> dict[str, Any]:
    from longarm.rulebook.integrity import SUMS
    from longarm.rulebook.loader import load_pack

    case = REPO.parent / "shared" / "cases" / "us_entity_list_ear99.yaml"
    tried = detected = 0
    missed: list[str] = []
    for regime in ("cn", "us"):
        for kind in ("edit", "truncate", "delete", "add", "manifest"):
            root = work / f"packs-{regime}-{kind}"
            for r in ("cn", "us"):
                shutil.copytree(load_pack(r.upper()).root, root / r)
            folder = root / regime
            victim = sorted(p for p in folder.glob("*.yaml") if p.name != "pack.yaml")[0]
            if kind == "edit":
                victim.write_bytes(victim.read_bytes().replace(b"e", b"E", 1))
            elif kind == "truncate":
                victim.write_bytes(victim.read_bytes()[:50])
            elif kind == "delete":
                victim.unlink()
            elif kind == "add":
                (folder / "zz-extra.yaml").write_text("id: extra\n", encoding="utf-8")
            else:
                sums = folder / SUMS
                sums.write_text(sums.read_text().replace("0", "1", 1), encoding="utf-8")
            env = {**os.environ, "LONGARM_PACKS": str(root)}
            env.pop("LONGARM_ALLOW_MODIFIED_PACKS", None)
            run = subprocess.run(
                [LONGARM, "check", str(case)], capture_output=True, text=True, env=env, timeout=120
            )
            tried += 1
            if run.returncode == 2 and SUMS in run.stderr and not run.stdout:
                detected += 1
            else:
                missed.append(f"{regime} {kind}: rc {run.returncode}")
    return {"tried": tried, "detected": detected, "missed": missed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a sample, under a minute")
    args = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "bad").mkdir()
        bad = bad_inputs(args.quick, work / "bad")
        blurred = blurs(args.quick)
        tamper = tampering(work)
    result = {
        "benchmark": "reliability",
        "figures": {
            "bad_inputs_tried": bad["tried"],
            "crashes": bad["crash"],
            "hangs": bad["hang"],
            "accepted_bad": bad["accepted"],
            "blurs_tried": blurred["tried"],
            "silent_clearances": blurred["silent_clearances"],
            "rows_lost": None,
            "rows_duplicated": None,
            "tampering_tried": tamper["tried"],
            "tampering_detected": tamper["detected"],
            "slowest_bad_input_s": bad["slowest_s"],
            "seconds": round(time.perf_counter() - start, 1),
        },
        "baselines": {},
        "ratios": {},
        "not_measured": ["rows_lost", "rows_duplicated (batch kill/resume)", "audit tampering"],
        "examples": {
            "bad_inputs": bad["examples"],
            "blurs": blurred["examples"],
            "tampering_missed": tamper["missed"],
        },
    }
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
