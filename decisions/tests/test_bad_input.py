"""Bad input that broke things (issue 9): a line break in a proposal title, which then
broke every mail built from it; a NUL in a live turn's text (a 500 on PostgreSQL); one
failing mail that stopped the reminders of every territory after recording one as sent."""

from __future__ import annotations

import smtplib
from datetime import datetime, timedelta
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import World, client_for
from decisions.models import Process, Proposal, ProposalReminder, Turn
from decisions.proposals.services import proposal_create, proposal_open
from decisions.tasks import REMIND_NOT_BEFORE, send_proposal_reminders, send_round_opened
from decisions.tests.test_live_panel import live_proposal, running

pytestmark = pytest.mark.django_db

REAL_SEND = EmailMultiAlternatives.send


def open_round(world: World, title: str = "Achats groupés", hours: int = 30) -> Proposal:
    proposal = proposal_create(body=world.body, proposer=world.member, title=title, text="T.")
    proposal_open(
        proposal=proposal,
        actor=world.member,
        start_phase=Proposal.Phase.OBJECTIONS,
        deadline=timezone.now() + timedelta(hours=hours),
    )
    return proposal


def a_run_later() -> datetime:
    """The hourly reminder run, once the rounds opened above have waited long enough."""
    return timezone.now() + REMIND_NOT_BEFORE


def with_zoe(world: World) -> None:
    zoe = PersonFactory.create(first_name="Zoé", email="zoe@example.fr")
    MembershipFactory.create(body=world.body, person=zoe)


def failing_for(address: str) -> Any:
    """EmailMultiAlternatives.send, refused by the server for one address."""

    def send(self: EmailMultiAlternatives, fail_silently: bool = False) -> int:
        if address in self.to:
            raise smtplib.SMTPRecipientsRefused({address: (550, b"unknown")})
        return REAL_SEND(self, fail_silently)

    return send


@pytest.mark.parametrize("title", ["Achats\ngroupés", "Achats\rBcc: x@example.fr", "A\x00b"])
def test_a_proposal_title_with_a_line_break_is_refused_in_french(
    world: World, member_client: Client, title: str
) -> None:
    response = member_client.post(
        reverse("decisions:proposal_create", args=[world.body.pk]),
        {"title": title, "text": "Texte.", "process": Process.CONSENT, "mode": "async"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "tient sur une ligne" in page or "caractère" in page
    assert not Proposal.objects.exists()


def test_a_right_to_left_override_is_stripped_from_a_proposal_title(
    world: World, member_client: Client
) -> None:
    member_client.post(
        reverse("decisions:proposal_create", args=[world.body.pk]),
        {
            "title": "\u202eAchats groupés",
            "text": "Texte.",
            "process": Process.CONSENT,
            "mode": "async",
            "vote_threshold": 50,
        },
    )
    assert Proposal.objects.get().title == "Achats groupés"


def test_a_title_stored_with_a_line_break_still_gives_a_one_line_subject(world: World) -> None:
    # Stored before titles were checked: the reminder must leave all the same.
    with_zoe(world)
    proposal = open_round(world)
    Proposal.objects.filter(pk=proposal.pk).update(title="Achats\r\nBcc: x@example.fr")
    assert send_proposal_reminders(now=a_run_later()) == 2
    assert {m.to[0] for m in mail.outbox} == {"membre@example.fr", "zoe@example.fr"}
    for message in mail.outbox:
        message.message()  # would raise BadHeaderError with a line break in the subject
        assert "Achats Bcc: x@example.fr" in message.subject


def test_one_failing_reminder_stops_nothing_and_is_not_recorded(world: World) -> None:
    with_zoe(world)
    other = PersonFactory.create(first_name="Olga", email="olga@example.fr")
    MembershipFactory.create(body=world.other_body, person=other)
    open_round(world)
    proposal_open(
        proposal=proposal_create(body=world.other_body, proposer=other, title="Autre", text="T."),
        actor=other,
        start_phase=Proposal.Phase.OBJECTIONS,
        deadline=timezone.now() + timedelta(hours=40),
    )
    mail.outbox.clear()
    with mock.patch.object(EmailMultiAlternatives, "send", failing_for("membre@example.fr")):
        sent = send_proposal_reminders(now=a_run_later())
    # The other participant and the other territory are reminded; the failure is not
    # recorded as sent, so the next run tries again.
    received = {m.to[0] for m in mail.outbox}
    assert sent == len(received) >= 2
    assert {"olga@example.fr", "zoe@example.fr"} <= received
    assert "membre@example.fr" not in received
    reminded = set(ProposalReminder.objects.values_list("person__email", flat=True))
    assert reminded == received
    assert send_proposal_reminders(now=a_run_later()) == 1
    assert mail.outbox[-1].to == ["membre@example.fr"]


def test_one_failing_round_notice_does_not_stop_the_others(world: World) -> None:
    with_zoe(world)
    PersonFactory.create(first_name="Ugo", email="ugo@example.fr")
    proposal = open_round(world)
    mail.outbox.clear()
    with mock.patch.object(EmailMultiAlternatives, "send", failing_for("membre@example.fr")):
        assert send_round_opened(proposal.pk) == 1
    assert [m.to for m in mail.outbox] == [["zoe@example.fr"]]


def test_a_nul_in_a_live_turn_is_refused_not_a_500(world: World) -> None:
    _meeting, item, zoe = running(world)
    proposal = live_proposal(world, item)
    zoe_client = client_for(zoe)
    url = reverse("decisions:live_consent", args=[proposal.pk])
    for _ in range(4):
        zoe_client.post(url, {"action": "advance"}, headers={"HX-Request": "true"})
    response = zoe_client.post(
        url,
        {"action": "turn", "answer": "objection", "text": "Les petites\x00 communes"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code < 500
    assert "caractère invisible" in response.content.decode()
    assert not Turn.objects.filter(proposal=proposal).exists()
