"""Case files in, determinations out: the work behind `check`, `test` and `demo`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from longarm.domain.case import Case
from longarm.domain.determination import Determination
from longarm.engine import determine
from longarm.errors import InputError
from longarm.io.case_reader import STDIN, read_case

CASE_SUFFIXES = (".yaml", ".yml", ".json")


def load(path: Path, as_of: date | None = None, *, screen: bool = False) -> Case:
    case = read_case(path)
    if as_of is not None:
        case = case.replace(as_of=as_of)
    if screen:
        from longarm.interfaces.screened import with_screened_lists

        case = with_screened_lists(case)
    return case


def check_file(
    path: Path, as_of: date | None, regimes: list[str] | None, *, screen: bool = False
) -> Determination:
    return determine(load(path, as_of, screen=screen), regimes)


@dataclass
class ExpectationReport:
    passed: int = 0
    failed: int = 0
    lines: list[str] = field(default_factory=list)


def case_files(paths: list[Path]) -> list[Path]:
    """The case files named: files as given, folders searched for case files, `-` kept."""
    found: list[Path] = []
    for path in paths:
        if str(path) == STDIN:
            found.append(path)
        elif path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.suffix.lower() in CASE_SUFFIXES)
            if not inside:
                raise InputError(str(path), "", "folder holds no case files (.yaml, .yml, .json)")
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise InputError(str(path), "", "no such file or folder")
    return found


def load_all(paths: list[Path], as_of: date | None) -> list[tuple[Path, Case]]:
    """Read every case named (files, folders, `-`); all are read before any is decided.

    Raises:
        InputError: listing every problem of every unreadable file.
    """
    cases: list[tuple[Path, Case]] = []
    errors: list[InputError] = []
    for path in case_files(paths):
        try:
            cases.append((path, load(path, as_of)))
        except InputError as exc:
            errors.append(exc)
    if errors:
        raise InputError.combine(errors)
    return cases


def expectation_failures(case: Case, result: Determination) -> list[str]:
    """What a determination gets wrong against the case's `expect` and `expect_rules`."""
    failures = []
    for regime, want in sorted((case.expect or {}).items()):
        got = result.regimes[regime].outcome
        if got is not want:
            failures.append(f"{regime} expected {want.value}, got {got.value}")
    for regime, rules in sorted((case.expect_rules or {}).items()):
        cited = {r.rule for r in result.regimes[regime].reasons if r.operative}
        for rule in rules:
            if rule not in cited:
                failures.append(f"{regime} expected an in-force reason from {rule}")
    for regime, effects in sorted((case.expect_effects or {}).items()):
        for rule, effect in sorted(effects.items()):
            seen = {r.effect.value for r in result.regimes[regime].reasons if r.rule == rule}
            if seen != {effect.value}:
                failures.append(
                    f"{regime} expected {rule} to give {effect.value}, got {sorted(seen) or 'none'}"
                )
    if case.expect_alternatives is not None:
        wanted = sorted(
            (a.option, a.value, tuple(sorted((k, v.value) for k, v in a.regimes.items())))
            for a in case.expect_alternatives
        )
        listed = sorted(
            (a.option, a.value, tuple(sorted((k, v.value) for k, v in a.regimes.items())))
            for a in result.alternatives
        )
        if wanted != listed:
            failures.append(f"alternatives expected {wanted}, got {listed}")
    return failures


def expected_regimes(case: Case) -> list[str]:
    alternatives = {r for a in case.expect_alternatives or [] for r in a.regimes}
    named = set(case.expect or {}) | set(case.expect_rules or {}) | set(case.expect_effects or {})
    return sorted(named | alternatives)


def run_expectations(paths: list[Path]) -> ExpectationReport:
    """Run each case with `expect:`; report every mismatch with the engine's reasons."""
    report = ExpectationReport()
    for path in case_files(paths):
        case = read_case(path)
        if not expected_regimes(case):
            continue
        result = determine(case, expected_regimes(case))
        failures = expectation_failures(case, result)
        if not failures:
            report.passed += 1
            continue
        report.failed += 1
        for failure in failures:
            report.lines.append(f"FAIL {path}: {failure}")
        for regime in expected_regimes(case):
            for reason in result.regimes[regime].reasons:
                report.lines.append(
                    f"    {reason.rule} [{reason.status.value}] {reason.effect.value}: "
                    f"{reason.detail}"
                )
    return report


def demo_cases() -> list[Path]:
    folder = Path(str(resources.files("longarm") / "demo"))
    return sorted(folder.glob("*.yaml"))


def run_demo(out: Path) -> list[str]:
    from longarm.interfaces.render import render

    out.mkdir(parents=True, exist_ok=True)
    texts = []
    for path in demo_cases():
        determination = determine(read_case(path))
        target = out / f"{path.stem}.json"
        tmp = target.with_suffix(".json.tmp")
        tmp.write_text(determination.dumps(), encoding="utf-8")
        tmp.replace(target)  # never leave a half-written determination behind
        texts.append(f"== {path.name}  ->  {target}\n{render(determination, 'table')}")
    return texts
