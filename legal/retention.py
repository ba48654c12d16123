"""How long connection records are kept, and their purge (`manage.py purge_connections`,
run daily by cron or a systemd timer: docs/deploy.md).

What is purged here is what nobody needs once it is old: sessions past their expiry
(Django keeps them until `clearsessions`), and django-axes' records of logins and failed
logins (address, browser, time), kept CODIR_CONNECTION_LOG_DAYS days (180 by default:
the CNIL recommends six months to a year for connection logs). Everything else a person
finds in the personal data page is kept for the life of the record it belongs to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone


@dataclass(frozen=True)
class Retention:
    session_days: int
    connection_log_days: int
    invitation_days: int


def retention_periods() -> Retention:
    return Retention(
        session_days=settings.SESSION_COOKIE_AGE // 86400,
        connection_log_days=settings.CODIR_CONNECTION_LOG_DAYS,
        invitation_days=settings.CODIR_INVITATION_DAYS,
    )


@dataclass(frozen=True)
class Purged:
    sessions: int
    logins: int
    failures: int
    attempts: int


def purge_connections() -> Purged:
    """Delete expired sessions and connection records older than the retention period."""
    now = timezone.now()
    cutoff = now - timedelta(days=settings.CODIR_CONNECTION_LOG_DAYS)
    sessions, _ = Session.objects.filter(expire_date__lt=now).delete()
    logins, _ = AccessLog.objects.filter(attempt_time__lt=cutoff).delete()
    failures, _ = AccessFailureLog.objects.filter(attempt_time__lt=cutoff).delete()
    attempts, _ = AccessAttempt.objects.filter(attempt_time__lt=cutoff).delete()
    return Purged(sessions=sessions, logins=logins, failures=failures, attempts=attempts)
