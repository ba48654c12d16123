from datetime import UTC, datetime, timedelta

from core.tokens import read_signed_token, signed_token

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def test_a_signed_token_gives_its_payload_back_before_it_expires() -> None:
    token = signed_token({"m": 3, "p": 7}, salt="a", expires_at=NOW + timedelta(hours=1))
    assert read_signed_token(token, salt="a", now=NOW) == {"m": 3, "p": 7}


def test_an_expired_token_is_refused() -> None:
    token = signed_token({"m": 3}, salt="a", expires_at=NOW - timedelta(seconds=1))
    assert read_signed_token(token, salt="a", now=NOW) is None


def test_a_token_made_for_another_use_is_refused() -> None:
    token = signed_token({"m": 3}, salt="a", expires_at=NOW + timedelta(hours=1))
    assert read_signed_token(token, salt="b", now=NOW) is None


def test_a_tampered_token_is_refused() -> None:
    token = signed_token({"m": 3}, salt="a", expires_at=NOW + timedelta(hours=1))
    assert read_signed_token(token[:-2] + "xx", salt="a", now=NOW) is None
    assert read_signed_token("garbage", salt="a", now=NOW) is None
