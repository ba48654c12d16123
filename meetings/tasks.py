"""Background jobs of meetings (django-tasks). Arguments are JSON: ids, not objects.

`manage.py db_worker` runs them in production; tests run them at once.

A meeting mail that fails for a transient reason (the network, a server answering « try
again later ») is queued again for those people only, after 1, 4, 16... minutes, up to
CODIR_MAIL_ATTEMPTS attempts in all; each run's result (who received it, who will be
retried, who was given up) is recorded in the task's row (django_tasks_db) and logged.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from core.mail import retry_delay
from meetings.mails import MAIL_KINDS, MailKind, send_meeting_mails

logger = logging.getLogger(__name__)


@task()
def send_meeting_mail(
    meeting_id: int,
    person_ids: list[int],
    kind: str,
    sequence: int,
    item_id: int | None = None,
    attempt: int = 1,
) -> dict[str, Any]:
    """Send a convocation, an update, a cancellation or a new proposal's notice."""
    if kind not in MAIL_KINDS:
        raise ValueError(f"Unknown meeting mail: {kind}")
    mail_kind: MailKind = kind  # type: ignore[assignment]
    delivery = send_meeting_mails(
        meeting_id=meeting_id,
        person_ids=person_ids,
        kind=mail_kind,
        sequence=sequence,
        item_id=item_id,
        retrying=attempt > 1,
    )
    result = {**delivery.as_json(), "attempt": attempt, "retry_at": None}
    if delivery.retry and attempt < settings.CODIR_MAIL_ATTEMPTS:
        retry_at = timezone.now() + retry_delay(attempt)
        retried = send_meeting_mail
        if send_meeting_mail.get_backend().supports_defer:
            retried = send_meeting_mail.using(run_after=retry_at)
        # The immediate backend (tests) cannot wait: it retries at once.
        retried.enqueue(
            meeting_id=meeting_id,
            person_ids=delivery.retry,
            kind=kind,
            sequence=sequence,
            item_id=item_id,
            attempt=attempt + 1,
        )
        result["retry_at"] = retry_at.isoformat()
    elif delivery.retry:
        logger.error(
            "%s of meeting %s not sent after %s attempts to people %s",
            kind,
            meeting_id,
            attempt,
            delivery.retry,
        )
    return result
