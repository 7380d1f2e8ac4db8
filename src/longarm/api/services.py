"""What the server opens once per process and every route shares: the store, the law packs,
the screening index and the web sessions (STYLE: routes only parse and serialise).

DuckDB lets one process write a store file, so the server holds the only connection and
serialises its use with the store's lock; determinations themselves run outside the lock.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from longarm.api.history import SavedDetermination, new_id, now
from longarm.api.jobs import JobRunner
from longarm.api.problems import ApiError
from longarm.api.result_cache import CachedResult, ResultCache, cache_key
from longarm.api.settings import Settings
from longarm.api.writer import GroupWriter
from longarm.domain.case import Case
from longarm.domain.determination import Determination, PackInfo
from longarm.engine import determine
from longarm.errors import InputError
from longarm.io.case_reader import parse_case
from longarm.rulebook.loader import Pack, available_regimes, load_pack
from longarm.store.database import Store
from longarm.store.determinations import note_packs
from longarm.store.keys import ApiKey, Role, verify_key

if TYPE_CHECKING:
    from longarm.screening.api import Screener


@dataclass(frozen=True)
class Caller:
    """Who is calling: the key (id and role) behind the request."""

    key_id: str
    role: Role

    @property
    def actor(self) -> str:
        """The audit log's `actor` for this caller."""
        return f"api-key:{self.key_id}"


@dataclass(frozen=True)
class Decided:
    """A determination made through the server, as stored."""

    id: str
    determination: Determination
    text: str
    case: Case


KEY_CACHE_S = 5.0
"""How long a key check is remembered; a key revoked through this server is refused at once."""
KEY_CACHE_ENTRIES = 10_000
"""Bound on remembered checks, so that a stream of forged keys cannot grow memory."""


class Services:
    """The per-process state of one app."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store.open(settings.store_path)
        self.packs: dict[str, Pack] = {
            r: load_pack(r, settings.packs_root) for r in available_regimes(settings.packs_root)
        }
        # The packs are fixed for the life of the process: their `pack_change` records (if the
        # store has not seen these hashes) are written once, before any determination.
        note_packs(self.store, tuple(pack_info(p) for p in self.packs.values()), actor="server")
        self.writer = GroupWriter(self.store)
        self._keys: dict[str, tuple[Caller | None, float]] = {}
        self._keys_lock = threading.Lock()
        self.results = ResultCache()
        uploads = settings.upload_dir or self.store.path.parent / "uploads"
        self.jobs = JobRunner(self.store, uploads)
        self._screener: Screener | None = None
        self._screener_lock = threading.Lock()
        self._sessions: dict[str, tuple[Caller, float]] = {}
        self._sessions_lock = threading.Lock()

    def close(self) -> None:
        self.jobs.close()
        self.writer.close()
        self.store.close()

    # Keys and sessions -------------------------------------------------------------------

    def authenticate(self, presented: str) -> Caller | None:
        """The caller a presented key stands for, or None (unknown, malformed or revoked).

        Answers are remembered for `KEY_CACHE_S` (a request must not wait for the store's
        writer to check its key); a revocation through this server forgets them at once.
        """
        digest = hashlib.sha256(presented.encode("utf-8")).hexdigest()
        with self._keys_lock:
            found = self._keys.get(digest)
        if found is not None and found[1] > time.monotonic():
            return found[0]
        key: ApiKey | None = verify_key(self.store, presented)
        caller = Caller(key.key_id, key.role) if key else None
        with self._keys_lock:
            if len(self._keys) > KEY_CACHE_ENTRIES:
                self._keys.clear()
            self._keys[digest] = (caller, time.monotonic() + KEY_CACHE_S)
        return caller

    def forget_keys(self) -> None:
        """Drop remembered key checks (after a key was revoked)."""
        with self._keys_lock:
            self._keys.clear()

    def open_session(self, caller: Caller) -> str:
        """A web session for a logged-in caller; the cookie carries this token, not the key."""
        token = secrets.token_urlsafe(32)
        with self._sessions_lock:
            self._sessions[token] = (caller, time.time() + self.settings.session_hours * 3600)
        return token

    def session(self, token: str) -> Caller | None:
        """The caller of a live session, re-checked against the store (revocation ends it)."""
        with self._sessions_lock:
            found = self._sessions.get(token)
        if found is None or found[1] < time.time():
            return None
        caller = found[0]
        from longarm.store.keys import get_key

        key = get_key(self.store, caller.key_id)
        return caller if key is not None and key.active else None

    def close_session(self, token: str) -> None:
        with self._sessions_lock:
            self._sessions.pop(token, None)

    # Determinations ----------------------------------------------------------------------

    def packs_for(self, regimes: Sequence[str] | None) -> list[Pack]:
        """The loaded packs of the regimes asked for (all by default)."""
        if not regimes:
            return list(self.packs.values())
        unknown = [r for r in regimes if r.upper() not in self.packs]
        if unknown:
            known = ", ".join(sorted(self.packs))
            raise ApiError(422, f"unknown regime {unknown[0]!r}; known: {known}", field="packs")
        return [self.packs[r.upper()] for r in regimes]

    def determine_text(
        self,
        text: str,
        caller: Caller,
        *,
        as_json: bool = True,
        as_of: date | None = None,
        regimes: Sequence[str] | None = None,
        screen: bool = False,
    ) -> Decided:
        """Read a case, determine it, and write it with its audit record in one transaction."""
        key = None if screen else cache_key(text, as_json, as_of, regimes)
        cached = self.results.get(key) if key else None
        if cached is None:
            cached = self._compute(
                text, as_json=as_json, as_of=as_of, regimes=regimes, screen=screen
            )
            if key:
                self.results.put(key, cached)
        case, determination, out = cached.case, cached.determination, cached.text
        ident = new_id()
        row = SavedDetermination(
            ident,
            now(),
            caller.actor,
            determination.shipment,
            determination.as_of.isoformat(),
            determination.overall.value,
            determination.hold,
            cached.case_json,
            out,
            None,
        )
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.writer.write(determination_audit(determination, caller, digest), row)
        return Decided(ident, determination, out, case)

    def _compute(
        self,
        text: str,
        *,
        as_json: bool,
        as_of: date | None,
        regimes: Sequence[str] | None,
        screen: bool,
    ) -> CachedResult:
        if as_json:
            _check_json(text)
        case = parse_case(text, "body", as_json=as_json)
        if as_of is not None:
            case = case.replace(as_of=as_of)
        if screen:
            from longarm.interfaces.screened import with_screened_lists

            case = with_screened_lists(case)
        determination = determine(case, packs=self.packs_for(regimes))
        case_json = _case_json(case.model_dump(mode="json", exclude_none=True))
        return CachedResult(case, case_json, determination, determination.dumps())

    # Screening ---------------------------------------------------------------------------

    def screener(self) -> Screener:
        """The screening index, built once per process on first use."""
        with self._screener_lock:
            if self._screener is None:
                from longarm.screening.api import load_default_screener

                self._screener = load_default_screener()
            return self._screener


def _check_json(text: str) -> None:
    try:
        json.loads(text, parse_float=Decimal)
    except ValueError as exc:
        raise InputError("body", "", f"not valid JSON: {exc}") from exc


def determination_audit(
    determination: Determination, caller: Caller, case_sha256: str
) -> dict[str, Any]:
    """The `determination` audit record, as `longarm check` writes it, with the caller."""
    return {
        "actor": caller.actor,
        "action": "determination",
        "inputs_sha256": {"case": case_sha256},
        "packs": [p.to_json() for p in determination.packs],
        "options": _options_used(determination),
        "result": {
            "shipment": determination.shipment,
            "as_of": determination.as_of.isoformat(),
            "overall": determination.overall.value,
            "hold": determination.hold,
            "regimes": {k: v.outcome.value for k, v in sorted(determination.regimes.items())},
        },
    }


def _options_used(determination: Determination) -> dict[str, Any]:
    used: dict[str, Any] = {}
    for result in determination.regimes.values():
        for reason in result.reasons:
            used.update(reason.options)
    return dict(sorted(used.items()))


def _case_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def pack_info(pack: Pack) -> PackInfo:
    """The pack as a determination cites it."""
    m = pack.manifest
    return PackInfo(m.regime, m.version, pack.sha256, m.data_as_of)
