"""The mail that opens the review of minutes: every person who sits in the body (the
writer aside) learns that the text can be read and amended until the review date."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from accounts.models import Person
from bodies.models import BodyMembership
from minutes.models import Minutes


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def review_recipients(minutes: Minutes) -> list[Person]:
    """The body's current members and guests, active, without the person who submitted
    (the secretary knows)."""
    seated = BodyMembership.objects.current().filter(body=minutes.meeting.body).values("person_id")
    people = Person.objects.filter(pk__in=seated, is_active=True).order_by("pk")
    if minutes.author_id is not None:
        people = people.exclude(pk=minutes.author_id)
    return list(people)


def send_review_notices(*, minutes_id: int) -> int:
    minutes = Minutes.objects.select_related("meeting__body").filter(pk=minutes_id).first()
    if minutes is None or minutes.status != Minutes.Status.IN_REVIEW:
        return 0
    url = f"{settings.SITE_URL.rstrip('/')}{minutes.get_absolute_url()}"
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for person in review_recipients(minutes):
            context = {
                "person": person,
                "minutes": minutes,
                "meeting": minutes.meeting,
                "body": minutes.meeting.body,
                "url": url,
            }
            subject = "".join(
                render_to_string("minutes/emails/review_subject.txt", context).splitlines()
            )
            mail = EmailMultiAlternatives(
                subject=subject,
                body=_tidy(render_to_string("minutes/emails/review.txt", context)),
                to=[person.email],
            )
            mail.attach_alternative(
                render_to_string("minutes/emails/review.html", context), "text/html"
            )
            mail.send()
            sent += 1
    return sent
