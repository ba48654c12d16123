"""The legal pages' URLs for codir/tests/test_url_walk.py: public, no object."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import World

ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "legal:accessibility": lambda w: {},
    "legal:legal_notice": lambda w: {},
    "legal:personal_data": lambda w: {},
}
PUBLIC = set(ROUTES)
