"""Pack integrity: every pack folder ships `SHA256SUMS`, the SHA-256 of each of its files.

A determination made with a corrupted or quietly edited law pack would look as authoritative
as any other, so a pack whose files do not match its manifest is refused (`PackError`),
unless the user says on purpose that modified packs may be used (`--allow-modified-packs` or
`LONGARM_ALLOW_MODIFIED_PACKS=1`); then every determination made with it carries a warning
naming what changed. The bundled packs must have a manifest; a user's own pack
(`LONGARM_PACKS`) without one is loaded as unverified, with a warning, until
`longarm packs rehash` writes its manifest.

The manifest is in `sha256sum` format (`<hex>  <relative path>`), so
`sha256sum -c SHA256SUMS` checks it too.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from longarm.errors import PackError

SUMS = "SHA256SUMS"
ALLOW_ENV = "LONGARM_ALLOW_MODIFIED_PACKS"


def allow_modified() -> bool:
    """Whether the user allowed modified packs (environment, or the CLI flag that sets it)."""
    return os.environ.get(ALLOW_ENV, "").strip().lower() in ("1", "true", "yes")


def pack_files(folder: Path) -> list[str]:
    """Every file of a pack folder that the manifest covers, as sorted relative paths."""
    found = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if not path.is_file() or rel.as_posix() == SUMS:
            continue
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
            continue
        found.append(rel.as_posix())
    return sorted(found)


def digests(folder: Path) -> dict[str, str]:
    return {rel: _sha256(folder / rel) for rel in pack_files(folder)}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_sums(folder: Path) -> Path:
    """Write (replace) the manifest of `folder`; returns its path."""
    lines = [f"{digest}  {rel}\n" for rel, digest in digests(folder).items()]
    target = folder / SUMS
    tmp = folder / f".{SUMS}.tmp"
    tmp.write_text("".join(lines), encoding="utf-8")
    tmp.replace(target)  # never a half-written manifest
    return target


def read_sums(folder: Path) -> dict[str, str] | None:
    """The manifest of `folder`, or None when it has none."""
    path = folder / SUMS
    if not path.is_file():
        return None
    sums: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        digest, sep, rel = line.partition("  ")
        if not sep or len(digest) != 64 or not rel:
            raise PackError(f"{path}: line {n}: not '<sha256>  <file>'")
        sums[rel.strip()] = digest.lower()
    return sums


def differences(folder: Path) -> list[str] | None:
    """What differs from the manifest (empty: intact); None when there is no manifest."""
    sums = read_sums(folder)
    if sums is None:
        return None
    actual = digests(folder)
    found = [
        f"{rel}: modified (sha256 differs)"
        for rel in actual
        if rel in sums and actual[rel] != sums[rel]
    ]
    found += [f"{rel}: missing" for rel in sums if rel not in actual]
    found += [f"{rel}: not in {SUMS} (added)" for rel in actual if rel not in sums]
    return found


def check_pack(folder: Path, *, bundled: bool) -> tuple[str, ...]:
    """Refuse a tampered pack, or return the warnings it may be used with.

    Raises:
        PackError: the pack differs from its manifest (or a bundled pack has none) and
            modified packs are not allowed.
    """
    found = differences(folder)
    if found is None:
        if not bundled:
            return (
                f"{folder.name.upper()} pack at {folder} is unverified: it has no {SUMS} "
                "(write one with `longarm packs rehash`)",
            )
        found = [f"{SUMS}: missing"]
    if not found:
        return ()
    listed = "; ".join(found[:5]) + (f"; and {len(found) - 5} more" if len(found) > 5 else "")
    if allow_modified():
        return (
            f"{folder.name.upper()} pack is MODIFIED, used because modified packs are "
            f"allowed: {listed}",
        )
    raise PackError(
        f"{folder}: pack files do not match {SUMS} ({listed}); refused. If the change is "
        f"yours, run `longarm packs rehash`; to use it anyway, pass --allow-modified-packs "
        f"or set {ALLOW_ENV}=1"
    )
