"""The generator's profile (`profile.yaml`): what share of items, parties and lines look how."""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt
import yaml
from pydantic import BaseModel, ConfigDict


class Kind(BaseModel):
    """One kind of item: its classifications, materials and (for parts) value range."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    weight: float
    controls: list[str]
    materials: list[str]
    description: str
    value: tuple[float, float] | None = None


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    origins: dict[str, dict[str, float]]
    leaf_kinds: dict[str, list[Kind]]
    assemblies: list[Kind]
    markup: tuple[float, float]
    decimal_quantities: list[str]
    countries: dict[str, dict[str, float]]
    lists: dict[str, float]
    listed_share: float
    owned_share: float
    unknown_share: float
    military_share: float
    end_uses: dict[str, float]
    dates: tuple[date, date]


@cache
def profile() -> Profile:
    """The bundled profile."""
    text = resources.files("longarm.synthetic").joinpath("profile.yaml").read_text("utf-8")
    return Profile.model_validate(yaml.safe_load(text))


def draw(
    rng: np.random.Generator, weights: dict[str, float], size: int
) -> tuple[list[str], npt.NDArray[np.int64]]:
    """`size` draws from a weighted vocabulary: (the vocabulary, an index per draw)."""
    names = list(weights)
    p = np.array([weights[k] for k in names], dtype=np.float64)
    return names, rng.choice(len(names), size=size, p=p / p.sum()).astype(np.int64)
