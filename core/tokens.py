"""Tokens that stand for something in a URL: random ones (calendar feeds) and signed
ones that carry what they are for and when they stop working (the answer links of a
convocation mail)."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.core import signing


def new_calendar_token() -> str:
    """43 URL-safe characters (32 random bytes): a feed address nobody can guess."""
    return secrets.token_urlsafe(32)


def signed_token(payload: dict[str, Any], *, salt: str, expires_at: datetime) -> str:
    """A URL-safe token for `payload`, signed with the secret key and `salt` (one salt
    per use, so that a token made for one purpose is worth nothing for another), which
    `read_signed_token` refuses after `expires_at`."""
    return signing.dumps({**payload, "exp": int(expires_at.timestamp())}, salt=salt, compress=True)


def read_signed_token(token: str, *, salt: str, now: datetime) -> dict[str, Any] | None:
    """The payload of a token made by `signed_token` with the same salt, or None when it
    is forged, damaged, made for another use or expired."""
    try:
        data = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("exp"), int):
        return None
    if now.timestamp() > data.pop("exp"):
        return None
    return data
