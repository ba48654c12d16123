"""Background jobs of elections (django-tasks), and the daily run that queues the term
reminders. Arguments are JSON: ids, not objects."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django_tasks import task

from bodies.models import BodyMembership
from elections.models import TermReminder
from elections.reminders import send_term_reminder_mails
from elections.selectors import seats_due_for_reminder


@task()
def send_term_reminder(seat_id: int) -> int:
    """E-mail the holder of a seat and the facilitator that the term ends soon."""
    return send_term_reminder_mails(seat_id)


@task()
def send_term_reminders() -> int:
    """The daily check, for a scheduler that runs tasks rather than commands."""
    return term_reminders_send()


def term_reminders_send(today: date | None = None) -> int:
    """Log and queue a reminder for every seat due; returns how many seats were reminded."""
    sent = 0
    for seat in seats_due_for_reminder(today):
        if _log(seat):
            sent += 1
    return sent


def _log(seat: BodyMembership) -> bool:
    """Write the log row, then queue the mail in the same transaction: a second run (or a
    concurrent one) finds the row and sends nothing."""
    try:
        with transaction.atomic():
            TermReminder.objects.create(seat=seat)
            send_term_reminder.enqueue(seat_id=seat.pk)
    except IntegrityError:
        return False
    return True
