"""Background jobs of the follow-up (django-tasks), and the daily run that queues the
reminder mails. Arguments are JSON: ids, not objects. `manage.py db_worker` runs them in
production; tests run them at once."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from accounts.models import Person
from followup.models import FollowupReminder
from followup.reminders import record_reminder, reminders_due, send_reminder_mail
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


@transaction.atomic
def reminders_send(*, today: date | None = None) -> int:
    """Queue one reminder mail for each person (immediate e-mails) with something
    overdue or due soon, and record it so that nobody is reminded twice today.
    Returns the number of mails queued."""
    today = today or timezone.localdate()
    queued = 0
    for reminder in reminders_due(today, notifications=Person.Notifications.IMMEDIATE):
        if not record_reminder(reminder, today, FollowupReminder.Channel.MAIL):
            continue
        send_followup_reminder.enqueue(
            person_id=reminder.person.pk,
            action_ids=[action.pk for action in reminder.actions],
            row_ids=[row.pk for row in reminder.rows],
            today=today.isoformat(),
        )
        queued += 1
    return queued
