"""Random tokens that stand for something in a URL (calendar feeds)."""

from __future__ import annotations

import secrets


def new_calendar_token() -> str:
    """43 URL-safe characters (32 random bytes): a feed address nobody can guess."""
    return secrets.token_urlsafe(32)
