"""Background jobs of meetings (django-tasks). Arguments are JSON: ids, not objects.

`manage.py db_worker` runs them in production; tests run them at once.
"""

from __future__ import annotations

from django_tasks import task

from meetings.mails import MAIL_KINDS, MailKind, send_meeting_mails


@task()
def send_meeting_mail(
    meeting_id: int,
    person_ids: list[int],
    kind: str,
    sequence: int,
    item_id: int | None = None,
) -> int:
    """Send a convocation, an update, a cancellation or a new proposal's notice."""
    if kind not in MAIL_KINDS:
        raise ValueError(f"Unknown meeting mail: {kind}")
    mail_kind: MailKind = kind  # type: ignore[assignment]
    return send_meeting_mails(
        meeting_id=meeting_id,
        person_ids=person_ids,
        kind=mail_kind,
        sequence=sequence,
        item_id=item_id,
    )
