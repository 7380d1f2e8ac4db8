"""The name index: every name and alias of a set of list entries, normalised once, with an
inverted index for candidate blocking.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from longarm.screening.lexicon import SWITCHES
from longarm.screening.model import ListEntry
from longarm.screening.normalise import NameForm, normalise_name
from longarm.screening.phonetics import english_skeleton, phonetic_key

IntArray = npt.NDArray[np.int32]

MIN_DELETE_LEN = 4
"""Tokens shorter than this get no deletion neighbourhood: one edit away from a 3-letter token
is a different word."""
SKELETON_PREFIX = 2
"""Consonant classes of a skeleton used as a blocking key (cross-script only)."""


def deletions(token: str) -> list[str]:
    """The token with each one character removed (its SymSpell neighbourhood)."""
    return [token[:i] + token[i + 1 :] for i in range(len(token))]


def form_keys(form: NameForm) -> list[str]:
    """Blocking keys of one normalised form."""
    if form.kind == "han":
        text = form.tokens[0]
        return [f"#{text[i : i + 2]}" for i in range(max(1, len(text) - 1))]
    keys = list(form.tokens)
    if len(form.tokens) > 1:
        keys.append("=" + "".join(form.tokens))
    return keys


@dataclass(frozen=True, slots=True)
class IndexedName:
    """One name of one entry: the primary name or an alias."""

    entry: int
    text: str
    is_alias: bool


class NameIndex:
    """Normalised names of list entries with an inverted index of blocking keys.

    Attributes:
        entries: The indexed entries.
        names: Every name and alias, pointing back to its entry.
        forms: Every normalised form; `form_name[i]` is the name of `forms[i]`.
        form_entry: `form_entry[i]` is the entry of `forms[i]`.
        postings: Blocking key -> sorted form ids.
        neighbours: One-deletion variant -> vocabulary tokens that produce it.
        phonetic: Phonetic key -> vocabulary tokens with that key.
    """

    def __init__(self, entries: Sequence[ListEntry]) -> None:
        self.entries: tuple[ListEntry, ...] = tuple(entries)
        self.names: list[IndexedName] = []
        self.forms: list[NameForm] = []
        form_name: list[int] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for e, entry in enumerate(self.entries):
            seen: set[str] = set()
            for k, text in enumerate((entry.name, *entry.aliases)):
                if text in seen:
                    continue
                seen.add(text)
                name_id = len(self.names)
                self.names.append(IndexedName(e, text, k > 0))
                for form in normalise_name(text):
                    form_id = len(self.forms)
                    self.forms.append(form)
                    form_name.append(name_id)
                    for key in dict.fromkeys(self._index_keys(form)):
                        postings[key].append(form_id)
        self.form_name: IntArray = np.asarray(form_name, dtype=np.int32)
        self.form_entry: list[int] = [self.names[n].entry for n in form_name]
        self.postings: dict[str, IntArray] = {
            k: np.asarray(v, dtype=np.int32) for k, v in postings.items()
        }
        self.neighbours: dict[str, list[str]] = defaultdict(list)
        self.phonetic: dict[str, list[str]] = defaultdict(list)
        for token in self.postings:
            if token[:1] in ("#", "=", "~"):
                continue
            self.phonetic[phonetic_key(token)].append(token)
            if len(token) >= MIN_DELETE_LEN:
                for variant in deletions(token):
                    self.neighbours[variant].append(token)

    @staticmethod
    def _index_keys(form: NameForm) -> Iterable[str]:
        yield from form_keys(form)
        if form.kind == "latin":
            for token in form.tokens:
                skeleton = english_skeleton(token)
                if len(skeleton) >= SKELETON_PREFIX:
                    yield "~" + skeleton[:SKELETON_PREFIX]

    def __len__(self) -> int:
        return len(self.entries)

    def similar_tokens(self, token: str) -> set[str]:
        """Vocabulary tokens within about two edits of `token`, or with its phonetic key."""
        found: set[str] = set()
        if token in self.postings:
            found.add(token)
        if SWITCHES.phonetic:
            found.update(self.phonetic.get(phonetic_key(token), ()))
        if len(token) >= MIN_DELETE_LEN:
            found.update(self.neighbours.get(token, ()))
            for variant in deletions(token):
                if variant in self.postings:
                    found.add(variant)
                found.update(self.neighbours.get(variant, ()))
        return found

    def document_frequency(self, key: str) -> int:
        """How many forms carry a blocking key."""
        posting = self.postings.get(key)
        return 0 if posting is None else len(posting)
