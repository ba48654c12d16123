"""The home app's URLs beyond the home page, for codir/tests/test_url_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import World

ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "home:todo": lambda w: {},
}
# Everything that waits for the person: their own page, which an outsider reaches too.
PERSONAL = {"home:todo"}
