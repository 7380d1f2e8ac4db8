"""The name index: every name and alias of a set of list entries, normalised once, stored as a
`FormTable`, with a sparse key x form matrix for blocking.

Blocking keys of a form:
- each token (exact), reached from a query token by the token itself, by its one-deletion
  neighbourhood (SymSpell: finds typos within two edits without scanning the vocabulary) and
  by its phonetic key;
- the whole name run together (`=ramimakhlouf`), for names written with or without spaces;
- for Han forms, character bigrams (`#中芯`);
- for Latin tokens, the first two classes of the consonant skeleton (`~LK`), so a Chinese
  transliteration run can reach an English name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from longarm.screening.aliases import derived_names
from longarm.screening.forms import HAN, FormTable, IntArray, Vocabulary, gather_ranges
from longarm.screening.lexicon import SWITCHES
from longarm.screening.model import ListEntry
from longarm.screening.normalise import NameForm, normalise_name
from longarm.screening.phonetics import english_skeleton, phonetic_key

MIN_DELETE_LEN = 4
"""Tokens shorter than this get no deletion neighbourhood: one edit away from a 3-letter token
is a different word."""
PHONETIC_ROW = "\x01"
"""Prefix of phonetic keys among the lookup rows (no token starts with a control character)."""
SKELETON_PREFIX = 2
"""Consonant classes of a skeleton used as a blocking key (cross-script only)."""


def deletions(token: str) -> list[str]:
    """The token with each one character removed (its SymSpell neighbourhood)."""
    return [token[:i] + token[i + 1 :] for i in range(len(token))]


def han_keys(text: str) -> list[str]:
    """Character bigrams of a Han name (one key for a single character)."""
    return [f"#{text[i : i + 2]}" for i in range(max(1, len(text) - 1))]


def joined_key(tokens: Sequence[str]) -> str:
    """The key of a multi-token name run together."""
    return "=" + "".join(tokens)


def skeleton_key(skeleton: str) -> str | None:
    """The cross-script key of a consonant skeleton, if it is long enough to block on."""
    return "~" + skeleton[:SKELETON_PREFIX] if len(skeleton) >= SKELETON_PREFIX else None


def form_keys(form: NameForm) -> Iterator[str]:
    """Blocking keys of one indexed form."""
    if form.kind == "han":
        yield from han_keys(form.tokens[0])
        return
    yield from form.tokens
    if len(form.tokens) > 1:
        yield joined_key(form.tokens)
    if form.kind == "latin":
        for token in form.tokens:
            key = skeleton_key(english_skeleton(token))
            if key is not None:
                yield key


@dataclass(frozen=True, slots=True)
class IndexedName:
    """One name of one entry: the primary name or an alias."""

    entry: int
    text: str
    is_alias: bool


class NameIndex:
    """Normalised names of list entries with a sparse matrix of blocking keys.

    Attributes:
        entries: The indexed entries.
        names: Every name and alias, pointing back to its entry.
        forms: Every distinct normalised form, as a `FormTable` (a name listed under several
            entries is blocked and aligned once).
        members: Per distinct form `f`, `members[member_ptr[f]:member_ptr[f + 1]]` are the
            names that have it.
        names_entry: The entry of each name.
        vocab: Every token, span, key and run-together name, interned.
        keys: Key id (a vocabulary id) x form id, 1 where the form has that key.
        df: Document frequency of each vocabulary id as a key.
        key_ids: Blocking key -> vocabulary id, for the keys some form has.
        neighbours: A token, or one of its one-deletion variants -> vocabulary ids of the tokens
            that are it or produce it (SymSpell: a query token and its deletions looked up
            here find the tokens within two edits).
        phonetic: Phonetic key -> vocabulary ids of the tokens with that key.
    """

    def __init__(self, entries: Sequence[ListEntry]) -> None:
        self.entries: tuple[ListEntry, ...] = tuple(entries)
        self.names: list[IndexedName] = []
        distinct: dict[NameForm, int] = {}
        form_of_name: list[int] = []
        name_of: list[int] = []
        for e, entry in enumerate(self.entries):
            seen: set[str] = set()
            given = (entry.name, *entry.aliases)
            written = [d for text in given for d in derived_names(text)]
            for k, text in enumerate((*given, *written)):
                if text in seen:
                    continue
                seen.add(text)
                name_id = len(self.names)
                self.names.append(IndexedName(e, text, k > 0))
                for form in normalise_name(text):
                    form_of_name.append(distinct.setdefault(form, len(distinct)))
                    name_of.append(name_id)
        forms = list(distinct)
        self.vocab = Vocabulary()
        self.forms = FormTable(forms, self.vocab)
        by_form = np.argsort(np.asarray(form_of_name, dtype=np.int64), kind="stable")
        counts = np.bincount(np.asarray(form_of_name, dtype=np.int64), minlength=len(forms))
        self.member_ptr: IntArray = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        self.members: IntArray = np.asarray(name_of, dtype=np.int64)[by_form]
        self.names_entry: IntArray = np.asarray([n.entry for n in self.names], dtype=np.int64)
        key_rows: list[int] = []
        key_cols: list[int] = []
        intern = self.vocab.intern
        for f, form in enumerate(forms):
            ids = {intern(k) for k in form_keys(form)}
            key_rows.extend(ids)
            key_cols.extend([f] * len(ids))
        shape = (len(self.vocab), len(forms))
        self.keys = sparse.csr_matrix(
            (np.ones(len(key_rows), dtype=np.float64), (key_rows, key_cols)), shape=shape
        )
        self.df: IntArray = np.diff(self.keys.indptr).astype(np.int64)
        self.key_ids: dict[str, int] = {
            self.vocab.text(k): k for k in np.flatnonzero(self.df).tolist()
        }
        neighbours: dict[str, list[int]] = defaultdict(list)
        phonetic: dict[str, list[int]] = defaultdict(list)
        table = self.forms
        latin_like = np.repeat(table.kind != HAN, table.n_tokens)
        for token_id in np.unique(table.tok_id[latin_like]).tolist():
            token = self.vocab.text(token_id)
            phonetic[self.vocab.phonetic(token_id)].append(token_id)
            neighbours[token].append(token_id)
            for variant in deletions(token) if len(token) >= MIN_DELETE_LEN else ():
                neighbours[variant].append(token_id)
        # Tuples of ints, unlike lists, are left alone by the garbage collector: a full
        # collection would otherwise walk these few hundred thousand containers.
        self.neighbours: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in neighbours.items()}
        self.phonetic: dict[str, tuple[int, ...]] = {k: tuple(v) for k, v in phonetic.items()}
        del neighbours, phonetic
        # The same two tables as one CSR, for looking up a batch's variants with one gather:
        # row ids by variant (phonetic keys prefixed with PHONETIC_ROW), token ids flat.
        rows = [
            *self.neighbours.items(),
            *((PHONETIC_ROW + k, v) for k, v in self.phonetic.items()),
        ]
        self._row_ids = {key: r for r, (key, _) in enumerate(rows)}
        sizes = np.fromiter((len(v) for _, v in rows), dtype=np.int64, count=len(rows))
        self._row_ptr: IntArray = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        self._row_tokens: IntArray = np.fromiter(
            (t for _, v in rows for t in v), dtype=np.int64, count=int(self._row_ptr[-1])
        )

    def __len__(self) -> int:
        return len(self.entries)

    def key_id(self, key: str) -> int | None:
        """The id of a blocking key, if any form has it."""
        return self.key_ids.get(key)

    def similar_tokens(self, token: str) -> set[int]:
        """Ids of vocabulary tokens within about two edits of `token`, or with its phonetic
        key."""
        found, _ = self.similar_tokens_batch([token])
        return set(found.tolist())

    def similar_tokens_batch(self, tokens: Sequence[str]) -> tuple[IntArray, IntArray]:
        """`similar_tokens` of many tokens at once: (vocabulary ids, index of the token in
        `tokens` each was found for), each pair once. A short token has no neighbourhood:
        only itself and its phonetic key."""
        row_ids, key_ids = self._row_ids, self.key_ids
        rows: list[int] = []
        row_owner: list[int] = []
        own: list[int] = []
        own_owner: list[int] = []
        phonetic = SWITCHES.phonetic
        for i, token in enumerate(tokens):
            if len(token) >= MIN_DELETE_LEN:
                for variant in (token, *deletions(token)):
                    r = row_ids.get(variant)
                    if r is not None:
                        rows.append(r)
                        row_owner.append(i)
            else:
                k = key_ids.get(token)
                if k is not None:
                    own.append(k)
                    own_owner.append(i)
            if phonetic:
                r = row_ids.get(PHONETIC_ROW + phonetic_key(token))
                if r is not None:
                    rows.append(r)
                    row_owner.append(i)
        found, origin = gather_ranges(
            self._row_tokens, self._row_ptr, np.asarray(rows, dtype=np.int64)
        )
        owner = np.concatenate(
            [np.asarray(row_owner, dtype=np.int64)[origin], np.asarray(own_owner, dtype=np.int64)]
        )
        found = np.concatenate([found, np.asarray(own, dtype=np.int64)])
        pairs = np.unique(owner * len(self.vocab) + found)
        return pairs % len(self.vocab), pairs // len(self.vocab)

    def document_frequency(self, key: str) -> int:
        """How many forms carry a blocking key."""
        found = self.key_id(key)
        return 0 if found is None else int(self.df[found])
