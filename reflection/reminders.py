"""Reminding the members who have not answered an open session: one mail each, sent one
by one (core.mail): one that fails is logged and the others leave."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from accounts.models import Person
from core.mail import send_one
from core.validators import one_line
from reflection.models import MirrorSession
from reflection.selectors import not_answered

_HEADER_CONTROLS = frozenset(chr(c) for c in [*range(32), 127])


def build_reminder(session: MirrorSession, person: Person) -> EmailMessage | None:
    """The mail, or None when the address carries a control character (a header must
    never take a line break from the data)."""
    if not person.email or any(c in _HEADER_CONTROLS for c in person.email):
        return None
    context = {
        "session": session,
        "person": person,
        "url": settings.SITE_URL + session.get_absolute_url(),
    }
    subject = one_line(render_to_string("reflection/emails/reminder_subject.txt", context))
    body = render_to_string("reflection/emails/reminder.txt", context).strip() + "\n"
    return EmailMessage(subject=subject, body=body, to=[person.email])


def remind_session(session: MirrorSession) -> tuple[int, int]:
    """(sent, not sent). Nothing is recorded: the reminder says nothing of the answers."""
    sent = failed = 0
    for person in not_answered(session):
        mail = build_reminder(session, person)
        if mail is not None and send_one(mail, what=f"mirror reminder to {person.pk}"):
            sent += 1
        else:
            failed += 1
    return sent, failed
