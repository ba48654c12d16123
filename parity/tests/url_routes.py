"""The parity URLs, for codir/tests/test_url_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import World

ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "parity:body": lambda w: {"body_pk": w.body.pk},
    "parity:csv": lambda w: {"body_pk": w.body.pk, "table": "organisations"},
}
