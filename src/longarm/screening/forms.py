"""Normalised forms stored column-wise, so that a whole batch is compared with array operations.

A `FormTable` holds many `NameForm`s as flat arrays: their tokens, token weights, the other
spellings a query token may match (`alts`), transliteration skeletons, and the *columns* a
query token can be aligned with. A column is one list-name token, or a run of two or three
adjacent tokens (`span`), so that a query written without spaces (RamiMakhlouf) or a Chinese
transliteration run (曹兴诚 ~ Tsao Hsing Cheng) can cover several list tokens.

Every string is interned in a `Vocabulary`, so that identical comparisons across a batch are
computed once and blocking keys are integers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from longarm.screening.lexicon import load_lexicon
from longarm.screening.normalise import NameForm
from longarm.screening.phonetics import phonetic_key

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

MAX_SPAN = 3
"""A column covers at most this many list-name tokens (曹兴诚 ~ Tsao Hsing Cheng)."""
MAX_TOKENS = 62
"""Tokens of a form taken into alignment; the alignment tracks used tokens as bits of one
64-bit integer. The longest name on the CSL has 33."""
KIND_CODES = {"latin": 0, "translated": 1, "pinyin": 2, "han": 3}
"""Form kinds as small integers (`NameForm.kind`)."""
HAN = KIND_CODES["han"]
LATIN = KIND_CODES["latin"]


class Vocabulary:
    """Interned strings, with their phonetic keys computed once each.

    A vocabulary made with `base` extends that one for one batch of queries without changing
    its strings: strings the base knows keep their ids, new ones are numbered after them.
    """

    def __init__(self, base: Vocabulary | None = None) -> None:
        self._base = base
        self._offset = len(base) if base is not None else 0
        self._ids: dict[str, int] = {}
        self._strings: list[str] = []
        self._phonetic: npt.NDArray[np.object_] = np.empty(0, dtype=object)
        self._array: npt.NDArray[np.object_] = np.empty(0, dtype=object)

    def __len__(self) -> int:
        return self._offset + len(self._strings)

    def intern(self, text: str) -> int:
        """The id of a string, adding it if new."""
        if self._base is not None:
            known = self._base._ids.get(text)
            if known is not None:
                return known
        found = self._ids.get(text)
        if found is None:
            found = self._offset + len(self._strings)
            self._ids[text] = found
            self._strings.append(text)
        return found

    def find(self, text: str) -> int | None:
        """The id of a string, or None if it is not interned."""
        if self._base is not None:
            known = self._base._ids.get(text)
            if known is not None:
                return known
        return self._ids.get(text)

    def text(self, string_id: int) -> str:
        """The string of an id."""
        if string_id < self._offset and self._base is not None:
            return self._base.text(string_id)
        return self._strings[string_id - self._offset]

    def _own_array(self) -> npt.NDArray[np.object_]:
        if len(self._array) != len(self._strings):
            # The extra element keeps numpy from reading equal-length strings as a 2-D array.
            self._array = np.asarray([*self._strings, ""], dtype=object)[:-1]
        return self._array

    def texts(self, string_ids: IntArray) -> list[str]:
        """The strings of an id array."""
        return self.text_array(string_ids).tolist()  # type: ignore[no-any-return]

    def text_array(self, string_ids: IntArray) -> npt.NDArray[np.object_]:
        """The strings of an id array, as an object array."""
        own = self._own_array()
        if self._base is None:
            return own[string_ids]
        out = np.empty(len(string_ids), dtype=object)
        in_base = string_ids < self._offset
        out[in_base] = self._base._own_array()[string_ids[in_base]]
        out[~in_base] = own[string_ids[~in_base] - self._offset]
        return out

    def phonetic(self, string_id: int) -> str:
        """The phonetic key of a string (computed on first use)."""
        return str(self.phonetic_keys(np.array([string_id], dtype=np.int64))[0])

    def phonetic_keys(self, string_ids: IntArray) -> npt.NDArray[np.object_]:
        """The phonetic key of each string of an id array (computed on first use)."""
        out = np.empty(len(string_ids), dtype=object)
        in_base = string_ids < self._offset
        if self._base is not None and in_base.any():
            out[in_base] = self._base._phonetic_array(string_ids[in_base])
        if not in_base.all():
            out[~in_base] = self._phonetic_array(string_ids[~in_base] - self._offset)
        return out

    def _phonetic_array(self, own_ids: IntArray) -> npt.NDArray[np.object_]:
        """Phonetic keys of this vocabulary's own strings, filling in the missing ones."""
        if len(self._phonetic) < len(self._strings):
            grown = np.empty(len(self._strings), dtype=object)
            grown[: len(self._phonetic)] = self._phonetic
            self._phonetic = grown
        keys = self._phonetic[own_ids]
        missing = np.flatnonzero([key is None for key in keys.tolist()])
        for k in missing.tolist():
            i = int(own_ids[k])
            keys[k] = self._phonetic[i] = phonetic_key(self._strings[i])
        return keys


_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def is_number(token: str, position: int = 1) -> bool:
    """Whether a token is a number: digits, or a Roman numeral of two letters or more up to 399
    (Fund IV, Trust XV; a lone V is more often an initial). A Roman numeral opening a name is
    read as a word (Xi Jinping, Li Peng): series markers follow the name they number."""
    if token.isdigit():
        return True
    return position > 0 and len(token) > 1 and _ROMAN.match(token) is not None


def _mask_per_form(
    token_form: IntArray, bits: npt.NDArray[np.uint64], n_forms: int
) -> npt.NDArray[np.uint64]:
    """OR of the token bits of each form."""
    out = np.zeros(n_forms, dtype=np.uint64)
    np.bitwise_or.at(out, token_form, bits)
    return out


def gather_ranges(flat: IntArray, ptr: IntArray, which: IntArray) -> tuple[IntArray, IntArray]:
    """Concatenate the ranges `ptr[w]:ptr[w + 1]` of `flat` for w in `which`; also return the
    position in `which` each element came from."""
    lengths = ptr[which + 1] - ptr[which]
    origin = np.repeat(np.arange(len(which), dtype=np.int64), lengths)
    offset = np.arange(len(origin), dtype=np.int64) - np.repeat(
        np.cumsum(lengths) - lengths, lengths
    )
    return flat[ptr[which][origin] + offset], origin


def _int(values: Sequence[int] | list[int]) -> IntArray:
    return np.asarray(values, dtype=np.int64)


class FormTable:
    """Many `NameForm`s as flat arrays (see the module docstring).

    Per form `f`: `kind[f]`, tokens `tok_ptr[f]:tok_ptr[f + 1]`, columns
    `col_ptr[f]:col_ptr[f + 1]` (its single-token columns first, in token order), `joined[f]`
    the id of its tokens run together, `total_weight[f]`.
    Per token `t`: `tok_form`, `tok_id`, `tok_len`, `tok_weight`, `tok_pos` (index in its
    form), `tok_skeleton` (id of its transliteration skeleton, -1 if none), alternative
    spellings `alt_ptr[t]:alt_ptr[t + 1]` into `alt_id` (the token itself first).
    Per form, bit masks of token positions: `all_mask`, `distinctive_mask` (full-weight
    tokens), `number_mask` (digits and Roman numerals); `particle_pos`, the position of its
    first patronymic particle followed by a name (bin in Muhammad bin Salman), -1 if none.
    Per column `k`: `col_text` (string id), `col_len` (its length), `col_start`, `col_span`,
    `col_mask` (bits of the tokens it covers), `col_max_weight` and `col_sum_weight` of those
    tokens.
    """

    def __init__(self, forms: Sequence[NameForm], vocab: Vocabulary) -> None:
        self.forms = tuple(forms)
        self.vocab = vocab
        self._long: dict[int, tuple[IntArray, IntArray, IntArray]] = {}
        kinds: list[int] = []
        tok_ptr = [0]
        tok_id: list[int] = []
        tok_weight: list[float] = []
        tok_pos: list[int] = []
        tok_skeleton: list[int] = []
        alt_ptr = [0]
        alt_id: list[int] = []
        col_ptr = [0]
        col_text: list[int] = []
        col_start: list[int] = []
        col_span: list[int] = []
        col_max: list[float] = []
        col_sum: list[float] = []
        joined: list[int] = []
        intern = vocab.intern
        for form in self.forms:
            kinds.append(KIND_CODES[form.kind])
            tokens = form.tokens[:MAX_TOKENS]
            weights = form.weights[:MAX_TOKENS]
            n = len(tokens)
            ids = [intern(t) for t in tokens]
            tok_id.extend(ids)
            tok_weight.extend(weights)
            tok_pos.extend(range(n))
            if form.kind == "latin":
                # A Latin token is its only spelling and has no skeleton.
                start = len(alt_id)
                alt_id.extend(ids)
                alt_ptr.extend(range(start + 1, start + n + 1))
                tok_skeleton.extend([-1] * n)
            else:
                for alts, skeleton in zip(form.alts[:n], form.skeletons[:n], strict=True):
                    alt_id.extend(intern(a) for a in alts)
                    alt_ptr.append(len(alt_id))
                    tok_skeleton.append(intern(skeleton) if skeleton else -1)
            tok_ptr.append(len(tok_id))
            joined.append(intern("".join(tokens)))
            col_text.extend(ids)
            col_start.extend(range(n))
            col_span.extend([1] * n)
            col_max.extend(weights)
            col_sum.extend(weights)
            if form.kind != "han":
                for j in range(n - 1):
                    for span in range(2, min(MAX_SPAN, n - j) + 1):
                        col_text.append(intern("".join(tokens[j : j + span])))
                        col_start.append(j)
                        col_span.append(span)
                        col_max.append(max(weights[j : j + span]))
                        col_sum.append(sum(weights[j : j + span]))
            col_ptr.append(len(col_text))
        self.kind = np.asarray(kinds, dtype=np.int8)
        self.tok_ptr = _int(tok_ptr)
        self.tok_id = _int(tok_id)
        self.tok_weight = np.asarray(tok_weight, dtype=np.float64)
        self.tok_pos = _int(tok_pos)
        self.tok_skeleton = _int(tok_skeleton)
        self.alt_ptr = _int(alt_ptr)
        self.alt_id = _int(alt_id)
        self.col_ptr = _int(col_ptr)
        self.col_text = _int(col_text)
        self.col_start = _int(col_start)
        self.col_span = _int(col_span)
        self.col_max_weight = np.asarray(col_max, dtype=np.float64)
        self.col_sum_weight = np.asarray(col_sum, dtype=np.float64)
        spans = self.col_span.astype(np.uint64)
        self.col_mask = ((np.uint64(1) << spans) - np.uint64(1)) << self.col_start.astype(np.uint64)
        self.joined = _int(joined)
        self.n_tokens = np.diff(self.tok_ptr)
        texts = vocab.text_array(self.tok_id)
        self.tok_len = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        col_texts = vocab.text_array(self.col_text)
        self.col_len = np.fromiter(map(len, col_texts), dtype=np.int64, count=len(col_texts))
        self.tok_form = np.repeat(np.arange(len(self.forms), dtype=np.int64), self.n_tokens)
        bits = np.uint64(1) << self.tok_pos.astype(np.uint64)
        self.all_mask = _mask_per_form(self.tok_form, bits, len(self.forms))
        self.distinctive_mask = _mask_per_form(
            self.tok_form, np.where(self.tok_weight >= 1.0, bits, np.uint64(0)), len(self.forms)
        )
        numbers = np.fromiter(
            map(is_number, texts, self.tok_pos.tolist()), dtype=bool, count=len(texts)
        )
        self.number_mask = _mask_per_form(
            self.tok_form, np.where(numbers, bits, np.uint64(0)), len(self.forms)
        )
        # The first patronymic particle followed by a name (bin, ibn, ould...), -1 if none.
        particles = load_lexicon().particles
        is_particle = np.fromiter((t in particles for t in texts), dtype=bool, count=len(texts))
        last = self.tok_pos == (self.n_tokens[self.tok_form] - 1)
        self.particle_pos = np.full(len(self.forms), MAX_TOKENS, dtype=np.int64)
        hit = np.flatnonzero(is_particle & ~last)
        np.minimum.at(self.particle_pos, self.tok_form[hit], self.tok_pos[hit])
        self.particle_pos[self.particle_pos == MAX_TOKENS] = -1
        self.total_weight = np.bincount(
            self.tok_form, weights=self.tok_weight, minlength=len(self.forms)
        )

    def __len__(self) -> int:
        return len(self.forms)

    def long_tokens(self, min_len: int) -> tuple[IntArray, IntArray, IntArray]:
        """The tokens at least `min_len` long, grouped by form: (ids, starts, counts); the
        index table computes this once."""
        found = self._long.get(min_len)
        if found is None:
            ids = np.flatnonzero(self.tok_len >= min_len).astype(np.int64)
            counts = np.bincount(self.tok_form[ids], minlength=len(self)).astype(np.int64)
            found = (ids, np.cumsum(counts) - counts, counts)
            self._long[min_len] = found
        return found
