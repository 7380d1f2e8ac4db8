"""Load and validate law packs from package data or from `LONGARM_PACKS`.

A malformed pack fails loudly (PackError naming the file and the field): a determination
made with a half-read law pack would be worse than none.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from longarm.errors import PackError
from longarm.io.case_reader import format_path
from longarm.io.strict_yaml import load_yaml
from longarm.rulebook.integrity import check_pack
from longarm.rulebook.kinds import item_set_refs, load_rule_modules, parse_params
from longarm.rulebook.schema import Clause, Instrument, ItemEntry, PackManifest

MANIFEST = "pack.yaml"

M = TypeVar("M", PackManifest, Instrument)


@dataclass(frozen=True)
class Pack:
    """One regime's law: its manifest, instruments and a digest of the files read."""

    manifest: PackManifest
    instruments: tuple[Instrument, ...]
    sha256: str
    root: Path
    files: tuple[str, ...] = field(default=())
    warnings: tuple[str, ...] = field(default=())
    """Integrity warnings (`longarm.rulebook.integrity`) every determination must carry."""

    @property
    def regime(self) -> str:
        return self.manifest.regime

    def clauses(self) -> list[tuple[Instrument, Clause]]:
        return [(ins, c) for ins in self.instruments for c in ins.clauses]

    def instrument(self, instrument_id: str) -> Instrument:
        for ins in self.instruments:
            if ins.id == instrument_id:
                return ins
        raise KeyError(instrument_id)

    def item_set(self, ref: str, within: Instrument | None = None) -> list[ItemEntry]:
        """Resolve an item-set reference: "instrument-id:set" or a set of `within`."""
        ins_id, sep, name = ref.rpartition(":")
        owner = self.instrument(ins_id) if sep else within
        if owner is None or name not in owner.item_sets:
            raise KeyError(ref)
        return owner.item_sets[name]


def packs_root() -> Path:
    """Where packs are read from: `LONGARM_PACKS` if set, else the bundled packs."""
    override = os.environ.get("LONGARM_PACKS")
    if override:
        return Path(override)
    return Path(str(resources.files("longarm") / "packs"))


def available_regimes(root: Path | None = None) -> list[str]:
    base = root or packs_root()
    return sorted(p.name.upper() for p in base.iterdir() if (p / MANIFEST).is_file())


@cache
def load_pack(regime: str, root: Path | None = None) -> Pack:
    """Load one regime's pack, validated; cached per (regime, root)."""
    folder = (root or packs_root()) / regime.lower()
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise PackError(f"{folder}: no {MANIFEST}; not a law pack")
    bundled = folder.parent.resolve() == Path(str(resources.files("longarm") / "packs")).resolve()
    warnings = check_pack(folder, bundled=bundled)  # refuses a tampered pack before reading it
    digest = hashlib.sha256()
    manifest = _read(manifest_path, PackManifest, digest)
    instruments = []
    names = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == MANIFEST:
            continue
        instruments.append(_read(path, Instrument, digest))
        names.append(path.name)
    pack = Pack(manifest, tuple(instruments), digest.hexdigest(), folder, tuple(names), warnings)
    _check_references(pack)
    return pack


def _read(path: Path, model: type[M], digest: hashlib._Hash) -> M:
    raw = path.read_bytes()
    digest.update(path.name.encode() + b"\0" + raw + b"\0")
    try:
        data = load_yaml(raw.decode("utf-8"))
    except Exception as exc:
        raise PackError(f"{path}: not valid YAML: {exc}") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise PackError(f"{path}: {format_path(first['loc'])}: {first['msg']}") from exc


def _check_references(pack: Pack) -> None:
    try:
        load_rule_modules(pack.manifest.rule_modules)
    except ImportError as exc:
        raise PackError(f"{pack.root}: rule_modules: {exc}") from exc
    instrument_ids = [i.id for i in pack.instruments]
    clause_ids = [c.id for _, c in pack.clauses()]
    for ids, what in ((instrument_ids, "instrument"), (clause_ids, "clause")):
        dupes = sorted({x for x in ids if ids.count(x) > 1})
        if dupes:
            raise PackError(f"{pack.root}: duplicate {what} ids: {', '.join(dupes)}")
    known = set(instrument_ids) | set(clause_ids)
    for ins in pack.instruments:
        if ins.regime != pack.regime:
            raise PackError(f"{pack.root}: {ins.id}: regime {ins.regime} in a {pack.regime} pack")
        for n, susp in enumerate(ins.suspends):
            if susp.target not in known:
                raise PackError(
                    f"{pack.root}: {ins.id}: suspends[{n}].target: unknown {susp.target!r}"
                )
        suspended = {s.target for s in ins.suspends}
        for n, ext in enumerate(ins.announced_extensions):
            where = f"{pack.root}: {ins.id}: announced_extensions[{n}]"
            for target in ext.targets:
                if target not in suspended:
                    raise PackError(f"{where}.targets: {target!r} is not suspended by {ins.id}")
            if not ext.pending and ext.instrument not in instrument_ids:
                raise PackError(f"{where}.instrument: unknown instrument {ext.instrument!r}")
        for clause in ins.clauses:
            try:
                _check_clause(pack, ins, clause, set(clause_ids))
            except (KeyError, ValueError) as exc:
                raise PackError(f"{pack.root}: {clause.id}: params: {exc}") from exc


def _check_clause(pack: Pack, instrument: Instrument, clause: Clause, clauses: set[str]) -> None:
    """Raise ValueError/KeyError if the clause's test, params or item-set refs are wrong."""
    try:
        params = parse_params(clause)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"{loc}: {first['msg']}") from exc
    for ref in item_set_refs(params):
        pack.item_set(ref, instrument)
    for ref in getattr(params, "applies_to", []):
        if ref not in clauses:
            raise KeyError(f"applies_to names unknown clause {ref!r}")
