"""The consent panel of the live meeting (decisions/live): a proposal treated on the
current item shows its phase, whose turn it is, objections and amendments; the driver
records the turn of the person whose turn it is, integrates, adopts; each write bumps
the live version so that the followers' pages reload."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import World, client_for
from decisions.models import Decision, Objection, Proposal
from decisions.proposals.services import Handling, proposal_advance, proposal_create, proposal_open
from decisions.proposals.turns import amendment_propose
from meetings import live
from meetings.models import AgendaItem, Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def running(world: World) -> tuple[Meeting, AgendaItem, Person]:
    """A meeting in progress facilitated by Zoé, on a decision item; members: Marc
    Membre (the world's member) and Zoé Zidane."""
    zoe = PersonFactory.create(first_name="Zoé", last_name="Zidane")
    MembershipFactory.create(body=world.body, person=zoe)
    meeting = MeetingFactory.create(
        body=world.body,
        status=Meeting.Status.CONVENED,
        facilitator=zoe,
        starts_at=timezone.now() - timedelta(minutes=5),
        ends_at=timezone.now() + timedelta(hours=2),
    )
    item = AgendaItemFactory.create(
        meeting=meeting,
        title="Achats groupés",
        kind=AgendaItem.Kind.DECISION,
        status=AgendaItem.Status.ACCEPTED,
        position=1,
    )
    live.meeting_start(meeting=meeting)
    return meeting, item, zoe


def live_proposal(world: World, item: AgendaItem) -> Proposal:
    proposal = proposal_create(
        body=world.body,
        proposer=world.member,
        title="Groupement de commandes",
        text="Nous créons un groupement de commandes.",
        handling=Handling(item=item, mode=Proposal.Mode.LIVE),
    )
    proposal_open(proposal=proposal, actor=world.member)
    return proposal


def version(meeting: Meeting) -> int:
    return Meeting.objects.get(pk=meeting.pk).live_version


def test_panel_shows_on_the_current_item(world: World, member_client: Client) -> None:
    meeting, item, _zoe = running(world)
    live_proposal(world, item)
    page = member_client.get(reverse("meetings:live_fragment", args=[meeting.pk])).content
    text = page.decode()
    assert "Proposition : Groupement de commandes" in text
    assert "présentation" in text
    assert "Nous créons un groupement de commandes." in text


def test_driver_records_turns_in_order_and_followers_are_told(
    world: World, guest_client: Client
) -> None:
    meeting, item, zoe = running(world)
    proposal = live_proposal(world, item)
    zoe_client = client_for(zoe)
    url = reverse("decisions:live_consent", args=[proposal.pk])
    # A follower may not drive.
    assert guest_client.post(url, {"action": "advance"}).status_code == 403
    before = version(meeting)
    for _ in range(4):
        assert zoe_client.post(url, {"action": "advance"}, headers=HTMX).status_code == 200
    proposal.refresh_from_db()
    assert proposal.phase == Proposal.Phase.OBJECTIONS
    assert version(meeting) > before
    fragment = zoe_client.get(reverse("meetings:live_fragment", args=[meeting.pk])).content
    assert "C’est au tour <strong>de Marc Membre</strong>" in fragment.decode()
    # Marc's turn (first by name): an objection needs its reasoning.
    response = zoe_client.post(
        url, {"action": "turn", "answer": "objection", "text": ""}, headers=HTMX
    )
    assert "nuit aux buts" in response.content.decode()
    zoe_client.post(
        url,
        {"action": "turn", "answer": "objection", "text": "Les petites communes y perdent."},
        headers=HTMX,
    )
    zoe_client.post(url, {"action": "turn", "answer": "consent"}, headers=HTMX)
    objection = Objection.objects.get()
    assert objection.author == world.member
    response = zoe_client.post(url, {"action": "adopt"}, headers=HTMX)
    assert "objection" in response.content.decode()
    assert not Decision.objects.exists()
    # Integration by an amendment, a new round, adoption.
    zoe_client.post(url, {"action": "advance"}, headers=HTMX)
    amendment = amendment_propose(
        proposal=proposal,
        author=world.member,
        text="Nous créons un groupement de commandes, avec un lot par commune.",
        reason="Les petites communes gardent leur lot.",
        responds_to=objection,
    )
    page = zoe_client.get(reverse("meetings:live_fragment", args=[meeting.pk])).content.decode()
    assert f"live-consent-integrate-{amendment.pk}" in page
    zoe_client.post(url, {"action": "integrate", "amendment": amendment.pk}, headers=HTMX)
    objection.refresh_from_db()
    assert objection.status == Objection.Status.INTEGRATED
    zoe_client.post(url, {"action": "advance"}, headers=HTMX)
    zoe_client.post(url, {"action": "turn", "answer": "consent"}, headers=HTMX)
    zoe_client.post(url, {"action": "turn", "answer": "consent"}, headers=HTMX)
    last = version(meeting)
    response = zoe_client.post(url, {"action": "adopt"}, headers=HTMX)
    decision = Decision.objects.get()
    assert decision.reference in response.content.decode()
    assert (decision.meeting, decision.item) == (meeting, item)
    assert version(meeting) > last


def test_plain_post_redirects_to_the_live_page(world: World) -> None:
    meeting, item, zoe = running(world)
    proposal = live_proposal(world, item)
    response = client_for(zoe).post(
        reverse("decisions:live_consent", args=[proposal.pk]), {"action": "advance"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:live", args=[meeting.pk])


def test_outsider_gets_404(world: World, outsider_client: Client) -> None:
    _meeting, item, _zoe = running(world)
    proposal = live_proposal(world, item)
    url = reverse("decisions:live_consent", args=[proposal.pk])
    assert outsider_client.post(url, {"action": "advance"}).status_code == 404


@pytest.mark.parametrize("raw", ["abc", "1e3", "²", "9" * 40, " "])
def test_a_malformed_amendment_id_is_refused_in_french(world: World, raw: str) -> None:
    """Before the fix a non-numeric id reached the database lookup: a server error."""
    _meeting, item, zoe = running(world)
    proposal = live_proposal(world, item)
    url = reverse("decisions:live_consent", args=[proposal.pk])
    response = client_for(zoe).post(url, {"action": "integrate", "amendment": raw}, headers=HTMX)
    assert response.status_code == 200
    assert "Cet amendement n’existe pas." in response.content.decode()
    plain = client_for(zoe).post(url, {"action": "decline", "amendment": raw}, follow=True)
    assert "Cet amendement n’existe pas." in plain.content.decode()


def test_the_panel_acts_only_while_the_meeting_runs(world: World) -> None:
    meeting, item, zoe = running(world)
    proposal = live_proposal(world, item)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    url = reverse("decisions:live_consent", args=[proposal.pk])
    response = client_for(zoe).post(url, {"action": "advance"}, headers=HTMX)
    assert "La réunion n’est pas en cours." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.phase == Proposal.Phase.PRESENTATION


def test_the_panel_does_not_drive_an_asynchronous_proposal(world: World) -> None:
    _meeting, item, zoe = running(world)
    proposal = live_proposal(world, item)
    Proposal.objects.filter(pk=proposal.pk).update(mode=Proposal.Mode.ASYNC)
    url = reverse("decisions:live_consent", args=[proposal.pk])
    response = client_for(zoe).post(url, {"action": "advance"}, headers=HTMX)
    assert "traitée à distance" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.phase == Proposal.Phase.PRESENTATION


def test_live_a_member_cannot_answer_out_of_turn_on_the_page(world: World) -> None:
    _meeting, item, zoe = running(world)
    proposal = live_proposal(world, item)
    while proposal.phase != Proposal.Phase.OBJECTIONS:
        proposal_advance(proposal=proposal, actor=world.member)
    # Marc Membre speaks before Zoé Zidane.
    zoe_client = client_for(zoe)
    page = zoe_client.get(proposal.get_absolute_url()).content.decode()
    assert "Vous répondrez à votre tour" in page
    response = zoe_client.post(
        reverse("decisions:proposal_turn", args=[proposal.pk]), {"turn-answer": "consent"}
    )
    assert response.status_code == 400
    assert "Ce n’est pas le tour de Zoé Zidane" in response.content.decode()


def test_panel_answers_are_buttons_and_the_round_picture_shows(world: World) -> None:
    meeting, item, zoe = running(world)
    proposal = live_proposal(world, item)
    zoe_client = client_for(zoe)
    url = reverse("decisions:live_consent", args=[proposal.pk])
    for _ in range(4):
        zoe_client.post(url, {"action": "advance"}, headers=HTMX)
    fragment = reverse("meetings:live_fragment", args=[meeting.pk])
    page = zoe_client.get(fragment).content.decode()
    assert (
        "Réponse de Marc Membre à « Groupement de commandes » : étape tour des objections" in page
    )
    assert f'id="live-consent-answer-{proposal.pk}-consent">Consentir</button>' in page
    assert f'id="live-consent-answer-{proposal.pk}-objection">Objecter</button>' in page
    zoe_client.post(
        url, {"action": "turn", "answer": "objection", "text": "Trop cher."}, headers=HTMX
    )
    page = zoe_client.get(fragment).content.decode()
    assert "1 a objecté, 1 n’a pas encore répondu." in page
    assert "Trop cher." in page
    zoe_client.post(url, {"action": "turn", "answer": "consent"}, headers=HTMX)
    page = zoe_client.get(fragment).content.decode()
    assert "1 a consenti, 1 a objecté." in page


def test_the_live_page_shows_one_turn_the_consent_round_while_it_runs(world: World) -> None:
    meeting, item, zoe = running(world)
    zoe_client = client_for(zoe)
    fragment = reverse("meetings:live_fragment", args=[meeting.pk])
    # No proposal in a round: the item's speaking round gives the floor.
    page = zoe_client.get(fragment).content.decode()
    assert page.count("C’est au tour <strong>") == 1
    assert 'id="live-round-next"' in page
    proposal = live_proposal(world, item)
    url = reverse("decisions:live_consent", args=[proposal.pk])
    zoe_client.post(url, {"action": "advance"}, headers=HTMX)  # clarifying questions
    page = zoe_client.get(fragment).content.decode()
    assert page.count("C’est au tour <strong>") == 1
    assert "Le tour de parole du point attend" in page
    assert 'id="live-round-next"' not in page
    turn = page.index("C’est au tour <strong>")
    assert page.index(f'id="live-consent-{proposal.pk}"') < turn < page.index('id="live-round"')
    # Once the proposal leaves its rounds, the item's speaking round is back.
    zoe_client.post(url, {"action": "advance"}, headers=HTMX)  # reactions
    zoe_client.post(url, {"action": "advance"}, headers=HTMX)  # amendment: no round
    page = zoe_client.get(fragment).content.decode()
    assert page.count("C’est au tour <strong>") == 1
    assert "Le tour de parole du point attend" not in page


def test_a_refused_objection_keeps_the_text_beside_its_error(world: World) -> None:
    _meeting, item, zoe = running(world)
    proposal = live_proposal(world, item)
    zoe_client = client_for(zoe)
    url = reverse("decisions:live_consent", args=[proposal.pk])
    for _ in range(4):
        zoe_client.post(url, {"action": "advance"}, headers=HTMX)
    response = zoe_client.post(
        url, {"action": "turn", "answer": "objection", "text": "  "}, headers=HTMX
    )
    page = response.content.decode()
    field = page[page.index(f'id="live-consent-text-{proposal.pk}"') :]
    field = field[: field.index("</div>")]
    assert 'aria-invalid="true"' in field and "autofocus" in field
    assert "nuit aux buts" in field
    assert not Objection.objects.exists()
