"""Demo answers to the convened meeting: most members said whether they come, from the
page, the mail's links or their calendar; a few have not answered yet (among them the
secretary of Martinet and du Girouard, whose persona answers in the walk-through).
Loading twice changes nothing: an answer given is kept."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from bodies.selectors import first_codir
from meetings.models import Attendance, Meeting
from meetings.rsvp import attendance_reply
from territories.models import Territory

R = Attendance.Reply
C = Attendance.ReplyChannel
# E-mail local part → (answer, channel, proxy's local part).
REPLIES: dict[str, tuple[str, str, str]] = {
    "claire.morvan": (R.COMING, C.PAGE, ""),
    "yannick.le-goff": (R.COMING, C.MAIL, ""),
    "julien.brehier": (R.COMING, C.CALENDAR, ""),
    "lucie.hamon": (R.COMING, C.MAIL, ""),
    "sophie.garnier": (R.REPRESENTED, C.MAIL, "emilie.roussel"),
    "amandine.rocher": (R.EXCUSED, C.CALENDAR, ""),
    "marc.tessier": (R.TENTATIVE, C.CALENDAR, ""),
    "thomas.lebreton": (R.COMING, C.PAGE, ""),
}


@transaction.atomic
def demo_replies(territory: Territory) -> None:
    body = first_codir(territory)
    if body is None:
        return
    meeting = (
        body.meetings.filter(status=Meeting.Status.CONVENED, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )
    if meeting is None:
        return
    answered = set(meeting.attendances.exclude(reply="").values_list("person__email", flat=True))
    for key, (reply, channel, proxy_key) in REPLIES.items():
        person = Person.objects.filter(email__startswith=f"{key}@").first()
        if person is None or person.email in answered:
            continue
        proxy = (
            Person.objects.filter(email__startswith=f"{proxy_key}@").first() if proxy_key else None
        )
        attendance_reply(meeting=meeting, person=person, reply=reply, channel=channel, proxy=proxy)
