"""Answering a convocation: the "Qui vient ?" section of the meeting page (its view,
`reply`, is in views.py beside the page) and the convocation mail's signed links, which
open a confirmation page: a GET never records anything (mail scanners follow links),
the page's button posts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.models import Person
from core.forms import add_service_errors
from meetings import rsvp
from meetings.forms import ReplyForm
from meetings.models import Attendance, Meeting

CONFIRMATIONS = {
    Attendance.Reply.COMING: _("Votre réponse est enregistrée : vous venez."),
    Attendance.Reply.EXCUSED: _("Votre réponse est enregistrée : vous êtes excusé·e."),
    Attendance.Reply.REPRESENTED: _(
        "Votre réponse est enregistrée : vous vous faites représenter."
    ),
}


def rsvp_context(
    user: Person, meeting: Meeting, form: ReplyForm | None = None, saved: str = ""
) -> dict[str, Any]:
    """What the "Qui vient ?" section of the meeting page shows (also for its htmx
    fragment): the counts and lists, and the user's own answer form when invited."""
    summary = rsvp.reply_summary(meeting)
    can_reply = user.pk in summary.invitee_ids and rsvp.replies_open(meeting)
    own = summary.by_person.get(user.pk)
    if can_reply and form is None:
        initial = {}
        if own is not None and own.reply in rsvp.PAGE_REPLIES:
            initial = {"reply": own.reply, "proxy": own.reply_proxy_id}
        form = ReplyForm(initial=initial, proxies=rsvp.proxy_choices(meeting, user))
    return {
        "meeting": meeting,
        "summary": summary,
        "reply_form": form if can_reply else None,
        "own": own if own is not None and own.replied_at else None,
        "saved": saved,
    }


@require_http_methods(["GET", "POST"])
def reply_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the convocation mail: no login needed, the signed token says who
    answers for which meeting, until the meeting ends."""
    found = rsvp.read_reply_token(token)
    if found is None:
        return render(request, "meetings/reply_link_invalid.html", status=404)
    meeting, person = found.meeting, found.person
    proxies = rsvp.proxy_choices(meeting, person)
    if request.method == "POST":
        form = ReplyForm(request.POST, proxies=proxies)
    else:
        form = ReplyForm(initial={"reply": request.GET.get("reponse", "")}, proxies=proxies)
    done = ""
    if request.method == "POST" and form.is_valid():
        try:
            rsvp.attendance_reply(
                meeting=meeting,
                person=person,
                channel=Attendance.ReplyChannel.MAIL,
                **form.service_kwargs(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done = str(CONFIRMATIONS[form.cleaned_data["reply"]])
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "person": person,
        "form": form,
        "done": done,
        "open": rsvp.replies_open(meeting),
    }
    status = 400 if request.method == "POST" and not done and form.errors else 200
    return render(request, "meetings/reply_link.html", context, status=status)
