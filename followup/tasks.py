"""Background jobs of the follow-up (django-tasks). Arguments are JSON: ids, not
objects. `manage.py db_worker` runs them in production; tests run them at once."""

from __future__ import annotations

from datetime import date

from django_tasks import task

from followup.reminders import reminders_send, send_reminder_mail
from followup.reviews import reviews_schedule


@task()
def send_followup_reminder(
    person_id: int, action_ids: list[int], row_ids: list[int], today: str
) -> int:
    """One person's reminder mail (queued by the daily run)."""
    return send_reminder_mail(
        person_id=person_id,
        action_ids=action_ids,
        row_ids=row_ids,
        today=date.fromisoformat(today),
    )


@task()
def send_followup_reminders() -> int:
    """The daily run of the reminders (what the command does), for a scheduler."""
    return reminders_send()


@task()
def schedule_decision_reviews() -> int:
    """The daily run of the review dates (what the command does), for a scheduler."""
    return len(reviews_schedule())
