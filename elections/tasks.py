"""Background jobs of elections (django-tasks). Arguments are JSON: ids, not objects."""

from __future__ import annotations

from django_tasks import task

from elections.reminders import send_term_reminder_mails, term_reminders_send


@task()
def send_term_reminder(seat_id: int) -> int:
    """E-mail the holder of a seat and the facilitator that the term ends soon."""
    return send_term_reminder_mails(seat_id)


@task()
def send_term_reminders() -> int:
    """The daily check, for a scheduler that runs tasks rather than commands."""
    return term_reminders_send()
