"""The value every app hands to the home page for "Mes échéances"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Deadline:
    """Something that ends or is due soon, for the home page."""

    on: date
    label: str
    url: str
