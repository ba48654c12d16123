"""Reminders of the follow-up: each day, the owners of open actions and implementation
rows that are overdue or due within three days are told, in French.

People who chose immediate e-mails receive one reminder mail (command
`send_followup_reminders`, which runs followup.tasks.reminders_send); those who chose the
daily digest read the same list in their digest (DIGEST_SECTION, registered with
meetings.digest by FollowupConfig.ready()). A FollowupReminder row per person and day
(unique) makes sure nobody is reminded twice the same day, whichever runs first or
however often. Only owners who still see the body are reminded: the mail names actions
they could not open otherwise (one who left the body is not told).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from access.scopes import person_sees_body
from accounts.models import Person
from core.mail import send_one
from core.validators import one_line
from followup.models import OPEN_STATUSES, Action, FollowupReminder, Implementation
from followup.selectors import REMINDER_DAYS
from meetings.digest import DigestPart, DigestSection


@dataclass
class Reminder:
    """What one person is reminded of."""

    person: Person
    actions: list[Action] = field(default_factory=list)
    rows: list[Implementation] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.actions) + len(self.rows)


def _horizon(today: date) -> date:
    return today + timedelta(days=REMINDER_DAYS)


def due_actions(today: date) -> list[Action]:
    return list(
        Action.objects.filter(
            person_sees_body("owner", "body"),  # nobody is mailed what they cannot open
            status__in=OPEN_STATUSES,
            due_on__lte=_horizon(today),
            owner__is_active=True,
            body__archived_on__isnull=True,
        )
        .select_related("owner", "body", "decision", "organisation")
        .order_by("due_on", "pk")
    )


def due_rows(today: date) -> list[Implementation]:
    return list(
        Implementation.objects.filter(
            person_sees_body("owner", "decision__body"),
            status__in=OPEN_STATUSES,
            due_on__lte=_horizon(today),
            owner__is_active=True,
            decision__body__archived_on__isnull=True,
        )
        .select_related("owner", "decision__body", "organisation")
        .order_by("due_on", "pk")
    )


def reminders_due(today: date, *, notifications: str | None = None) -> list[Reminder]:
    """Who is to be reminded today of what (those already reminded today aside),
    optionally only the people with the given e-mail preference. Three queries."""
    already = set(
        FollowupReminder.objects.filter(sent_on=today).values_list("person_id", flat=True)
    )
    by_person: dict[int, Reminder] = {}

    def wanted(person: Person) -> bool:
        return person.pk not in already and (
            notifications is None or person.notifications == notifications
        )

    for action in due_actions(today):
        assert action.owner is not None  # filtered on the owner being active
        if wanted(action.owner):
            by_person.setdefault(action.owner_id, Reminder(action.owner)).actions.append(action)  # type: ignore[arg-type]
    for row in due_rows(today):
        assert row.owner is not None
        if wanted(row.owner):
            by_person.setdefault(row.owner_id, Reminder(row.owner)).rows.append(row)  # type: ignore[arg-type]
    return sorted(by_person.values(), key=lambda r: r.person.pk)


def record_reminder(reminder: Reminder, today: date, channel: str) -> bool:
    """Note that the person was reminded today; False if they already were (another run
    got there first)."""
    try:
        with transaction.atomic():
            FollowupReminder.objects.create(
                person=reminder.person,
                sent_on=today,
                channel=channel,
                actions=len(reminder.actions),
                implementations=len(reminder.rows),
            )
    except IntegrityError:
        return False
    return True


def reminder_context(reminder: Reminder, today: date) -> dict[str, object]:
    return {
        "person": reminder.person,
        "reminder": reminder,
        "today": today,
        "site_url": settings.SITE_URL,
        "mine_url": settings.SITE_URL + reverse("followup:mine"),
        "actions": [
            (action, settings.SITE_URL + action.get_absolute_url(), _late(action.due_on, today))
            for action in reminder.actions
        ],
        "rows": [
            (row, settings.SITE_URL + row.get_absolute_url(), _late(row.due_on, today))
            for row in reminder.rows
        ],
    }


def _late(due_on: date | None, today: date) -> bool:
    return due_on is not None and due_on < today


def digest_reminders(today: date) -> dict[int, Reminder]:
    """The follow-up part of each digest, by person id: the people who chose the digest
    and have something overdue or due soon (not yet reminded today)."""
    return {
        reminder.person.pk: reminder
        for reminder in reminders_due(today, notifications=Person.Notifications.DIGEST)
    }


def _claim_for_digest(reminder: Reminder, today: date) -> bool:
    return record_reminder(reminder, today, FollowupReminder.Channel.DIGEST)


def digest_part(reminder: Reminder, today: date) -> DigestPart:
    """The follow-up's part of a digest: a heading and the list of the reminder mail."""
    context = {"followup": reminder_context(reminder, today)}
    return DigestPart(
        subject=ngettext("%(n)s action à suivre", "%(n)s actions à suivre", reminder.count)
        % {"n": reminder.count},
        text=render_to_string("followup/emails/_digest.txt", context),
        html=render_to_string("followup/emails/_digest.html", context),
    )


DIGEST_SECTION = DigestSection(due=digest_reminders, claim=_claim_for_digest, render=digest_part)


# --- Mails to the people who chose immediate e-mails -----------------------------------


def build_reminder_mail(reminder: Reminder, today: date) -> EmailMultiAlternatives:
    with translation.override(settings.LANGUAGE_CODE):
        context = reminder_context(reminder, today)
        context["followup"] = dict(context)  # the partial shared with the digest reads it
        subject = one_line(render_to_string("followup/emails/reminder_subject.txt", context))
        body = render_to_string("followup/emails/reminder.txt", context).strip() + "\n"
        mail = EmailMultiAlternatives(subject=subject, body=body, to=[reminder.person.email])
        mail.attach_alternative(
            render_to_string("followup/emails/reminder.html", context), "text/html"
        )
    return mail


def send_reminder_mail(
    *, person_id: int, action_ids: list[int], row_ids: list[int], today: date
) -> int:
    """Send one queued reminder (called by the task): what is still open among what was
    due when it was queued. Returns 1 if a mail left; if it failed, it is logged and the
    day's record withdrawn."""
    person = Person.objects.filter(pk=person_id, is_active=True).first()
    if person is None:
        return 0
    reminder = Reminder(
        person=person,
        actions=list(
            Action.objects.filter(
                person_sees_body("owner", "body"),
                pk__in=action_ids,
                owner=person,
                status__in=OPEN_STATUSES,
            )
            .select_related("body", "decision", "organisation")
            .order_by("due_on", "pk")
        ),
        rows=list(
            Implementation.objects.filter(
                person_sees_body("owner", "decision__body"),
                pk__in=row_ids,
                owner=person,
                status__in=OPEN_STATUSES,
            )
            .select_related("decision__body", "organisation")
            .order_by("due_on", "pk")
        ),
    )
    if not reminder.count:  # done in the meantime
        return 0
    if not send_one(build_reminder_mail(reminder, today), what=f"follow-up to {person.pk}"):
        # Recorded when queued: withdrawn, so that the next run reminds them again.
        FollowupReminder.objects.filter(
            person=person, sent_on=today, channel=FollowupReminder.Channel.MAIL
        ).delete()
        return 0
    return 1
