"""asyncio in tests that share a run with the browser tests."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_in_own_thread(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: in a whole run, Playwright's sync API (the
    browser tests) keeps an event loop running in the main thread, where asyncio.run
    refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
