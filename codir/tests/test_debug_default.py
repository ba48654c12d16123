"""DEBUG is off unless CODIR_DEBUG=1 (issue 9): a deployment that forgets the variable
must not show Django's technical 404 page listing every URL pattern."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

READ_DEBUG = (
    "import codir.settings as s; print(s.DEBUG, getattr(s, 'SESSION_COOKIE_SECURE', False))"
)


def debug_in_a_fresh_process(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CODIR_")}
    result = subprocess.run(
        [sys.executable, "-c", READ_DEBUG],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, "False True"), ({"CODIR_DEBUG": "0"}, "False True"), ({"CODIR_DEBUG": "1"}, "True")],
)
def test_debug_is_off_unless_asked_for(env: dict[str, str], expected: str) -> None:
    assert debug_in_a_fresh_process(**env).startswith(expected)
