"""The election pages: who sees what, who may act, the body page's block."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import client_for
from elections import services
from elections.models import Election, Nomination
from elections.tests.conftest import Voters, nominate_all, open_election
from elections.tests.factories import ElectionFactory
from elections.tests.url_routes import ROUTES

pytestmark = pytest.mark.django_db
SECRET_REASON = "Elle tient les délais sans jamais presser personne."


def test_outsiders_get_404_on_every_url(voters: Voters) -> None:
    for who in (voters.world.outsider, voters.world.lone_person):
        client = client_for(who)
        for name, kwargs in ROUTES.items():
            url = reverse(name, kwargs=kwargs(voters.world))
            statuses = {client.get(url).status_code, client.post(url).status_code}
            assert 404 in statuses and statuses <= {404, 405}, (name, who, statuses)


def test_members_who_do_not_drive_get_403_on_driver_actions(voters: Voters) -> None:
    election = open_election(voters)
    client = client_for(voters.marc)
    assert client.get(reverse("elections:create", args=[voters.world.body.pk])).status_code == 403
    for name in ("elections:advance", "elections:propose", "elections:cancel"):
        assert client.post(reverse(name, args=[election.pk])).status_code == 403, name
    election.refresh_from_db()
    assert election.phase == Election.Phase.NOMINATION


def test_the_facilitator_opens_an_election(voters: Voters) -> None:
    client = client_for(voters.facilitator)
    url = reverse("elections:create", args=[voters.world.body.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"role": "secretary", "description": "Tient le relevé.", "term_months": "12"},
    )
    election = Election.objects.get()
    assert response.status_code == 302 and response["Location"] == election.get_absolute_url()
    assert election.role == Election.Role.SECRETARY and election.created_by == voters.facilitator


def test_a_form_error_keeps_what_was_typed(voters: Voters) -> None:
    client = client_for(voters.world.admin)
    response = client.post(
        reverse("elections:create", args=[voters.world.body.pk]),
        {"role": "delegate", "description": "Porte la parole du codir.", "term_months": "12"},
    )
    assert response.status_code == 200
    assert "Porte la parole du codir." in response.content.decode()
    assert "Indiquez l" in response.content.decode()
    assert not Election.objects.exists()


def test_nominations_are_hidden_on_the_page_until_the_reading(voters: Voters) -> None:
    election = open_election(voters)
    bruno = client_for(voters.bruno)
    response = bruno.post(
        reverse("elections:nominate", args=[election.pk]),
        {"nominee": voters.chloe.pk, "reason": SECRET_REASON},
    )
    assert response.status_code == 302
    url = election.get_absolute_url()
    other = client_for(voters.marc).get(url).content.decode()
    assert SECRET_REASON not in other
    assert "1 sur 4" in other  # who has nominated is shown, not whom
    assert SECRET_REASON in bruno.get(url).content.decode()  # one's own is
    admin = client_for(voters.world.admin).get(url).content.decode()
    assert SECRET_REASON not in admin  # not even the administrator's
    services.election_advance(election=election, actor=voters.facilitator)
    assert SECRET_REASON in client_for(voters.marc).get(url).content.decode()


def test_there_is_no_candidacy(voters: Voters) -> None:
    """No page offers to apply; one names someone, with a reason."""
    election = open_election(voters)
    page = client_for(voters.marc).get(election.get_absolute_url()).content.decode().lower()
    assert "candidature" not in page and "me présenter" not in page
    response = client_for(voters.marc).post(
        reverse("elections:nominate", args=[election.pk]), {"nominee": voters.marc.pk}
    )
    assert response.status_code == 200  # a reason is required, even for oneself
    assert not Nomination.objects.exists()


def test_guests_have_no_nomination_to_write(voters: Voters) -> None:
    election = open_election(voters)
    client = client_for(voters.world.guest)
    assert client.get(election.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("elections:nominate", args=[election.pk]),
        {"nominee": voters.chloe.pk, "reason": "Oui."},
    )
    assert response.status_code == 302
    assert not Nomination.objects.exists()


def test_change_round_and_proposal_through_the_pages(voters: Voters) -> None:
    election = open_election(voters)
    nominate_all(voters, election, voters.bruno)
    facilitator = client_for(voters.facilitator)
    for _ in range(2):
        response = facilitator.post(reverse("elections:advance", args=[election.pk]))
        assert response.status_code == 302
    election.refresh_from_db()
    assert election.phase == Election.Phase.CHANGES
    marc = client_for(voters.marc)
    response = marc.post(
        reverse("elections:nominate", args=[election.pk]),
        {"nominee": voters.chloe.pk, "reason": "Après avoir entendu Chloé."},
    )
    assert response.status_code == 302
    assert Nomination.objects.filter(stage="change", nominator=voters.marc).count() == 1
    page = marc.get(election.get_absolute_url()).content.decode()
    assert "Après avoir entendu Chloé." in page and "Tour de changements" in page
    propose_url = reverse("elections:propose", args=[election.pk])
    assert facilitator.get(propose_url).status_code == 200
    response = facilitator.post(
        propose_url, {"nominee": voters.bruno.pk, "reason": "Trois nominations sur quatre."}
    )
    assert response.status_code == 302
    election.refresh_from_db()
    item = election.proposals.get()
    assert item.proposal.last_speaker == voters.bruno
    page = facilitator.get(election.get_absolute_url()).content.decode()
    assert "Trois nominations sur quatre." in page
    assert item.proposal.get_absolute_url() in page


def test_election_page_query_count_is_constant(voters: Voters) -> None:
    election = open_election(voters)
    client = client_for(voters.marc)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(election.get_absolute_url()).status_code == 200
        return len(queries)

    services.nomination_write(
        election=election, nominator=voters.marc, nominee=voters.bruno, reason="Un."
    )
    services.election_advance(election=election, actor=voters.facilitator)
    few = count()
    Election.objects.filter(pk=election.pk).update(phase=Election.Phase.NOMINATION)
    for person in (voters.bruno, voters.chloe, voters.facilitator):
        services.nomination_write(
            election=election, nominator=person, nominee=voters.marc, reason="Deux."
        )
    Election.objects.filter(pk=election.pk).update(phase=Election.Phase.READING)
    assert count() == few


def test_body_list_query_count_is_constant(voters: Voters) -> None:
    client = client_for(voters.marc)
    url = reverse("elections:body_elections", args=[voters.world.body.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    ElectionFactory.create(body=voters.world.body)
    few = count()
    for role in ("secretary", "delegate", "facilitator"):
        ElectionFactory.create(
            body=voters.world.body,
            role=role,
            phase=Election.Phase.ASSIGNED,
            elected=voters.chloe,
            seat=voters.facilitator_seat,
            term_end=timezone.localdate(),
        )
    MembershipFactory.create(
        body=voters.world.body,
        person=voters.bruno,
        role=BodyMembership.Role.SECRETARY,
        end_date=timezone.localdate() + timedelta(days=90),
    )
    # session, user, body, elections, holders, territory admin?, body facilitator?
    assert count() == few <= 8


def _render_tag(voters: Voters, user: object) -> str:
    request = RequestFactory().get("/")
    request.user = user  # type: ignore[assignment]
    template = Template("{% load elections %}{% body_elections body %}")
    return template.render(Context({"request": request, "body": voters.world.body}))


def test_body_page_block_shows_holders_term_and_next_election(voters: Voters) -> None:
    end = timezone.localdate() + timedelta(days=100)
    voters.facilitator_seat.end_date = end
    voters.facilitator_seat.save()
    election = open_election(voters, role=Election.Role.SECRETARY)
    html = _render_tag(voters, voters.facilitator)
    assert "Fanny Anime" in html
    assert end.strftime("%Y-%m-%d") in html
    assert (end - timedelta(days=30)).strftime("%Y-%m-%d") in html
    assert election.get_absolute_url() in html
    assert reverse("elections:create", args=[voters.world.body.pk]) in html
    assert reverse("elections:create", args=[voters.world.body.pk]) not in _render_tag(
        voters, voters.marc
    )


def test_anonymous_is_sent_to_login(voters: Voters, client: Client) -> None:
    election = ElectionFactory.create(body=voters.world.body)
    response = client.get(election.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_home_deadlines_ask_for_a_nomination_and_the_next_election(voters: Voters) -> None:
    from elections.selectors import election_deadlines

    voters.facilitator_seat.end_date = timezone.localdate() + timedelta(days=60)
    voters.facilitator_seat.save()
    [due] = election_deadlines(voters.facilitator)
    assert due.on == timezone.localdate() + timedelta(days=30)
    assert due.url.endswith("?role=facilitator")
    election = open_election(voters)
    assert [d.url for d in election_deadlines(voters.marc)] == [election.get_absolute_url()]
    assert [d.url for d in election_deadlines(voters.facilitator)] == [election.get_absolute_url()]
    services.nomination_write(
        election=election, nominator=voters.marc, nominee=voters.chloe, reason="Oui."
    )
    assert election_deadlines(voters.marc) == []
    assert election_deadlines(voters.world.guest) == []
