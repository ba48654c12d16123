"""Saying beforehand whether one comes: "je viens", "je suis excusé·e", "je me fais
représenter par …" (and "peut-être", from a calendar's TENTATIVE). The answer is given
from the meeting page, from the convocation mail's signed links or from the calendar
(meetings/itip.py reads the iTIP REPLY). It is kept apart from the attendance the
secretary records at the meeting (Attendance.status), which starts from it.

Who may represent whom: a member sits for an organisation ("à quel titre") and parity
of voice is between organisations, so a member is represented by someone of the same
organisation (a DGA for the DGS, the other secretary of the commune), never by another
member, who would then carry two voices. A member who sits without a position (a
capacity written by hand) and a guest can come or be excused.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import BodyMembership
from core.tokens import read_signed_token, signed_token
from meetings.models import Attendance, Meeting
from meetings.selectors import meeting_invitees
from territories.models import Position

logger = logging.getLogger(__name__)

REPLY_TOKEN_SALT = "meetings.rsvp.reply"
# The answers a person may give from the page and the mail ("peut-être" only comes
# from a calendar).
PAGE_REPLIES = (
    Attendance.Reply.COMING,
    Attendance.Reply.EXCUSED,
    Attendance.Reply.REPRESENTED,
)


def replies_open(meeting: Meeting, now: datetime | None = None) -> bool:
    """Answers are taken until the meeting ends, unless it was held or cancelled."""
    now = now or timezone.now()
    closed = (Meeting.Status.HELD, Meeting.Status.CANCELLED)
    return meeting.status not in closed and meeting.ends_at > now


def proxy_choices(meeting: Meeting, person: Person) -> list[Person]:
    """Who may represent `person`: the other people holding a current position in an
    organisation through which `person` sits in the body now. By name."""
    organisations = (
        BodyMembership.objects.current()
        .filter(body_id=meeting.body_id, person=person, position__isnull=False)
        .values("position__organisation_id")
    )
    holders = (
        Position.objects.current()
        .filter(organisation_id__in=organisations)
        .exclude(person=person)
        .values("person_id")
    )
    return list(
        Person.objects.filter(pk__in=holders, is_active=True).order_by(
            "last_name", "first_name", "pk"
        )
    )


@transaction.atomic
def attendance_reply(
    *,
    meeting: Meeting,
    person: Person,
    reply: str,
    channel: str,
    proxy: Person | None = None,
) -> Attendance:
    """Record `person`'s answer for `meeting` (replacing an earlier one)."""
    if not replies_open(meeting):
        raise ValidationError(_("Cette réunion ne prend plus de réponses."))
    if person.pk not in {p.pk for p in meeting_invitees(meeting)}:
        raise ValidationError(_("Vous n’êtes pas invité·e à cette réunion."))
    if reply not in Attendance.Reply.values or reply == Attendance.Reply.NONE:
        raise ValidationError({"reply": _("Choisissez une réponse.")})
    if reply == Attendance.Reply.REPRESENTED:
        if proxy is None:
            raise ValidationError({"proxy": _("Indiquez qui vous représente.")})
        if proxy.pk not in {p.pk for p in proxy_choices(meeting, person)}:
            raise ValidationError(
                {
                    "proxy": _(
                        "Cette personne ne peut pas vous représenter : choisissez-la dans la liste."
                    )
                }
            )
    else:
        proxy = None
    attendance, _created = Attendance.objects.select_for_update().get_or_create(
        meeting=meeting, person=person, defaults={"status": Attendance.Status.INVITED}
    )
    attendance.reply = reply
    attendance.reply_proxy = proxy
    attendance.reply_channel = channel
    attendance.replied_at = timezone.now()
    attendance.save(update_fields=["reply", "reply_proxy", "reply_channel", "replied_at"])
    return attendance


# --- Who comes -----------------------------------------------------------------------


@dataclass
class ReplySummary:
    """The invitees grouped by their answer, each list by name."""

    coming: list[Attendance] = field(default_factory=list)
    represented: list[Attendance] = field(default_factory=list)
    tentative: list[Attendance] = field(default_factory=list)
    excused: list[Attendance] = field(default_factory=list)
    waiting: list[Person] = field(default_factory=list)
    invitee_ids: set[int] = field(default_factory=set)
    by_person: dict[int, Attendance] = field(default_factory=dict)

    @property
    def answered(self) -> int:
        return len(self.coming) + len(self.represented) + len(self.tentative) + len(self.excused)


def reply_summary(meeting: Meeting) -> ReplySummary:
    """Who said they come, are represented (and by whom), might come, are excused, and
    who has not answered. Two queries whatever the number of invitees."""
    invitees = meeting_invitees(meeting)
    answers = {
        a.person_id: a
        for a in meeting.attendances.exclude(reply=Attendance.Reply.NONE).select_related(
            "person", "reply_proxy"
        )
    }
    summary = ReplySummary(invitee_ids={p.pk for p in invitees}, by_person=answers)
    groups = {
        Attendance.Reply.COMING: summary.coming,
        Attendance.Reply.REPRESENTED: summary.represented,
        Attendance.Reply.TENTATIVE: summary.tentative,
        Attendance.Reply.EXCUSED: summary.excused,
    }
    for person in invitees:
        answer = answers.get(person.pk)
        if answer is None:
            summary.waiting.append(person)
        else:
            groups[Attendance.Reply(answer.reply)].append(answer)
    return summary


# --- The mail's links ------------------------------------------------------------------


def reply_token(meeting: Meeting, person: Person) -> str:
    """Signed for this meeting and this person; it stops working when the meeting ends."""
    return signed_token(
        {"m": meeting.pk, "p": person.pk}, salt=REPLY_TOKEN_SALT, expires_at=meeting.ends_at
    )


def reply_links(meeting: Meeting, person: Person) -> dict[str, str]:
    """The links of the convocation mail, each opening a confirmation page: come, be
    excused, and be represented when someone of the person's organisation may."""
    base = settings.SITE_URL + reverse("meetings:reply_link", args=[reply_token(meeting, person)])
    replies = [Attendance.Reply.COMING, Attendance.Reply.EXCUSED]
    if proxy_choices(meeting, person):
        replies.append(Attendance.Reply.REPRESENTED)
    return {reply: f"{base}?reponse={reply}" for reply in replies}


@dataclass(frozen=True)
class TokenReply:
    meeting: Meeting
    person: Person


def read_reply_token(token: str) -> TokenReply | None:
    """The meeting and person of a mail link, or None (forged, expired, person gone)."""
    data = read_signed_token(token, salt=REPLY_TOKEN_SALT, now=timezone.now())
    if data is None or not isinstance(data.get("m"), int) or not isinstance(data.get("p"), int):
        return None
    meeting_id: int = data["m"]
    person_id: int = data["p"]
    meeting = (
        Meeting.objects.select_related("body__territory", "host").filter(pk=meeting_id).first()
    )
    person = Person.objects.filter(pk=person_id, is_active=True).first()
    if meeting is None or person is None:
        logger.info("Reply link for a meeting or person that no longer exists: %s", data)
        return None
    return TokenReply(meeting, person)
