"""The reference data shipped with the app (competences/data/*.json): the competences
French communes and EPCI exercise, with their sources in the CGCT and the words a user
types, and the default life scenarios. A territory gets its own copy, which it may edit."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data")


@cache
def reference_competences() -> list[dict[str, Any]]:
    data = json.loads((DATA / "competences.json").read_text(encoding="utf-8"))
    competences: list[dict[str, Any]] = data["competences"]
    return competences


@cache
def reference_scenarios() -> list[dict[str, Any]]:
    data = json.loads((DATA / "scenarios.json").read_text(encoding="utf-8"))
    scenarios: list[dict[str, Any]] = data["scenarios"]
    return scenarios
