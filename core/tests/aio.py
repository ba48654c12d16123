"""asyncio in tests that share a run with the browser tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_in_own_thread(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: in a whole run, Playwright's sync API (the
    browser tests) keeps an event loop running in the main thread, where asyncio.run
    refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def call_in_own_thread(function: Callable[[], T]) -> T:
    """A synchronous call that reaches an async view through the test client (which wraps
    it in async_to_sync), made in a thread of its own for the same reason: async_to_sync
    refuses to run in a thread whose event loop is running."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function).result()
