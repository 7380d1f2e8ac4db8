"""The base of every clause-parameter schema: strict, so a typo in a pack fails at load."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
