"""The reminder before a role's term ends: NOTICE_DAYS before the end, the holder and the
electing body's facilitator receive an e-mail saying that the next election is due.
It leaves once per seat (TermReminder is the log), whatever the person's e-mail
preference: a term's end is rare and must not wait in a digest. The daily run that logs
and queues them is elections.tasks.term_reminders_send."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import BodyMembership
from core.mail import send_one
from core.validators import one_line
from elections.models import NOTICE_DAYS, TermReminder
from elections.selectors import body_facilitators, electing_body


def recipients(seat: BodyMembership) -> list[Person]:
    """The holder, then the electing body's facilitators (once each)."""
    people = [seat.person, *body_facilitators(electing_body(seat))]
    unique: dict[int, Person] = {}
    for person in people:
        if person.is_active and person.email:
            unique.setdefault(person.pk, person)
    return list(unique.values())


def send_term_reminder_mails(seat_id: int) -> int:
    seat = (
        BodyMembership.objects.select_related("person", "body__territory")
        .filter(pk=seat_id)
        .first()
    )
    if seat is None or seat.end_date is None:
        return 0
    body = electing_body(seat)
    sent = 0
    people = recipients(seat)
    with translation.override("fr"):
        for person in people:
            context = {
                "person": person,
                "holder": seat.person,
                "is_holder": person.pk == seat.person_id,
                "seat": seat,
                "body": body,
                "days": NOTICE_DAYS,
                "start_url": settings.SITE_URL
                + reverse("elections:create", args=[body.pk])
                + f"?role={seat.role}",
                "body_url": settings.SITE_URL + body.get_absolute_url(),
                "today": timezone.localdate(),
            }
            subject = _("Fin de mandat le %(date)s : %(role)s · %(body)s") % {
                "date": seat.end_date.strftime("%d/%m/%Y"),
                "role": seat.get_role_display(),
                "body": body.name,
            }
            text = render_to_string("elections/emails/term_reminder.txt", context)
            mail = EmailMessage(one_line(subject), text, to=[person.email])
            if send_one(mail, what=f"term reminder of seat {seat.pk} to person {person.pk}"):
                sent += 1
    if people and not sent:
        # Logged when queued: withdrawn, so that the next daily run tries again.
        TermReminder.objects.filter(seat=seat).delete()
    return sent
