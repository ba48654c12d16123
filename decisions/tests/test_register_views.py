"""The register pages: who sees what, the filters, pagination and query counts, the page
of a decision, and the actions that propose to amend or supersede it."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.models import Body, BodyMembership
from bodies.tests.factories import BodyFactory, MembershipFactory
from conftest import World, client_for
from decisions.consent.rules import waiting_for
from decisions.models import Amendment, Decision, Objection, Process, Proposal
from decisions.proposals.adoption import proposal_adopt
from decisions.proposals.services import Scope, proposal_advance, proposal_create, proposal_open
from decisions.proposals.turns import proposal_amend_text, turn_record
from decisions.register import selectors as register_selectors
from decisions.register.selectors import Status, decision_page, statuses_of
from decisions.tests.register_helpers import make_framework, make_object, record, streamed
from governance.models import Authority, FrameworkObject
from territories.tests.factories import OrganisationFactory, PositionFactory


def register_url(world: World) -> str:
    return reverse("decisions:register", args=[world.territory.pk])


def body_register_url(body: Body) -> str:
    return reverse("decisions:body_register", args=[body.pk])


def titles(response: HttpResponse) -> list[str]:
    """The titles of the rows, in order."""
    content = response.content.decode()
    found = re.findall(r'<th scope="row">\s*<a href="/decisions/\d+/">([^<]+)</a>', content)
    return [html.unescape(title) for title in found]


# --- Who sees what -------------------------------------------------------------------------


def test_member_sees_the_decisions_of_the_bodies_they_sit_in(world, member_client):
    record(world.body, title="De notre codir")
    elsewhere = BodyFactory.create(territory=world.territory, name="Comité fermé")
    record(elsewhere, title="D'un comité où il ne siège pas")
    record(world.other_body, title="D'un autre territoire")
    response = member_client.get(register_url(world))
    assert response.status_code == 200
    assert titles(response) == ["De notre codir"]


def test_administrator_sees_every_body_of_the_territory(world, admin_client_):
    record(world.body, title="De notre codir")
    elsewhere = BodyFactory.create(territory=world.territory, name="Comité fermé")
    record(elsewhere, title="Du comité")
    record(world.other_body, title="D'un autre territoire")
    response = admin_client_.get(register_url(world))
    assert sorted(titles(response)) == ["De notre codir", "Du comité"]


def test_body_register_lists_only_its_body(world, admin_client_):
    record(world.body, title="De notre codir")
    elsewhere = BodyFactory.create(territory=world.territory, name="Comité")
    record(elsewhere, title="Du comité")
    response = admin_client_.get(body_register_url(world.body))
    assert titles(response) == ["De notre codir"]
    assert 'name="body"' not in response.content.decode()


def test_guest_reads_the_register(world, guest_client):
    record(world.body, title="De notre codir")
    assert titles(guest_client.get(body_register_url(world.body))) == ["De notre codir"]


@pytest.mark.parametrize("who", ["outsider", "lone_person"])
def test_outsider_gets_404_on_every_register_page(world, who):
    decision = record(world.body)
    client = client_for(getattr(world, who))
    urls = [
        register_url(world),
        body_register_url(world.body),
        decision.get_absolute_url(),
        reverse("decisions:register_csv", args=[world.territory.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    for name in ("decisions:decision_amend", "decisions:decision_supersede"):
        assert client.post(reverse(name, args=[decision.pk])).status_code == 404


def test_a_member_cannot_export_another_territory_by_body_filter(world, member_client):
    record(world.other_body, title="D'un autre territoire")
    url = reverse("decisions:register_csv", args=[world.territory.pk])
    response = member_client.get(url, {"body": world.other_body.pk})
    content = streamed(response).decode("utf-8-sig")
    assert "D'un autre territoire" not in content


# --- Filters -------------------------------------------------------------------------------


def test_object_filter_follows_the_lineage_across_framework_versions(world, member_client):
    first = make_object(world.body, title="Achats")
    second_framework = make_framework(world.body)
    copy = FrameworkObject.objects.create(
        framework=second_framework, title="Achats mutualisés", lineage=first.lineage
    )
    other = make_object(world.body, framework=second_framework, title="Voirie")
    record(world.body, title="Sous la v1", object=first)
    record(world.body, title="Sous la v2", object=copy)
    record(world.body, title="Autre objet", object=other)
    response = member_client.get(body_register_url(world.body), {"object": str(first.lineage)})
    assert sorted(titles(response)) == ["Sous la v1", "Sous la v2"]
    # One choice per lineage, under its latest title.
    content = response.content.decode()
    assert content.count(f'value="{first.lineage}"') == 1
    assert "Achats mutualisés" in content


def test_body_filter(world, admin_client_):
    committee = BodyFactory.create(territory=world.territory, name="Comité")
    record(world.body, title="Du codir")
    record(committee, title="Du comité")
    response = admin_client_.get(register_url(world), {"body": committee.pk})
    assert titles(response) == ["Du comité"]


def test_organisation_filter_reads_the_participants_positions_on_the_day(world, member_client):
    # The member holds a position in world.commune (conftest); another person held one in
    # a second commune only until 2025.
    other_commune = OrganisationFactory.create(territory=world.territory, name="Autre-Bourg")
    former = PersonFactory.create(last_name="Ancien")
    PositionFactory.create(
        person=former,
        organisation=other_commune,
        start_date=date(2020, 1, 1),
        end_date=date(2025, 6, 30),
    )
    world.member_position.start_date = date(2020, 1, 1)
    world.member_position.save()
    record(
        world.body,
        title="Avec le membre",
        participants=[world.member],
        decided_on=date(2026, 1, 10),
    )
    record(
        world.body,
        title="Avec l'ancien en 2025",
        participants=[former],
        decided_on=date(2025, 3, 1),
    )
    record(
        world.body,
        title="Avec l'ancien en 2026",
        participants=[former],
        decided_on=date(2026, 3, 1),
    )
    url = body_register_url(world.body)
    assert titles(member_client.get(url, {"organisation": world.commune.pk})) == ["Avec le membre"]
    assert titles(member_client.get(url, {"organisation": other_commune.pk})) == [
        "Avec l'ancien en 2025"
    ]


def test_organisation_filter_finds_the_follow_up_of_the_organisation(world, member_client):
    from followup.tests.factories import ActionFactory, ImplementationFactory

    carried = record(world.body, title="Mise en œuvre par la commune")
    acted = record(world.body, title="Action de la commune")
    record(world.body, title="Sans la commune")
    ImplementationFactory.create(decision=carried, organisation=world.commune)
    ActionFactory.create(body=world.body, decision=acted, organisation=world.commune)
    response = member_client.get(body_register_url(world.body), {"organisation": world.commune.pk})
    assert sorted(titles(response)) == ["Action de la commune", "Mise en œuvre par la commune"]


def test_period_filter(world, member_client):
    record(world.body, title="Janvier", decided_on=date(2026, 1, 10))
    record(world.body, title="Mars", decided_on=date(2026, 3, 10))
    record(world.body, title="Mai", decided_on=date(2026, 5, 10))
    response = member_client.get(
        body_register_url(world.body), {"start": "2026-02-01", "end": "2026-04-30"}
    )
    assert titles(response) == ["Mars"]


def test_an_inverted_period_is_shown_as_an_error(world, member_client):
    record(world.body, title="Mars", decided_on=date(2026, 3, 10))
    response = member_client.get(
        body_register_url(world.body), {"start": "2026-04-01", "end": "2026-02-01"}
    )
    assert "La fin de la période précède son début." in response.content.decode()


def test_status_and_kind_filters(world, member_client):
    old = record(world.body, title="Ancienne")
    record(world.body, title="Nouvelle", supersedes=old)
    record(world.body, title="Un avis", kind=Decision.Kind.OPINION, process=Process.OPINION)
    past = timezone.localdate() - timedelta(days=1)
    record(world.body, title="À revoir", review_on=past)
    url = body_register_url(world.body)
    assert titles(member_client.get(url, {"status": "remplacee"})) == ["Ancienne"]
    assert titles(member_client.get(url, {"status": "a_revoir"})) == ["À revoir"]
    assert titles(member_client.get(url, {"kind": "avis"})) == ["Un avis"]
    assert sorted(titles(member_client.get(url, {"status": "en_vigueur"}))) == [
        "Nouvelle",
        "Un avis",
    ]


def test_search_on_the_page(world, member_client):
    record(world.body, title="Groupement d'achats", text="Les achats de papier.")
    record(world.body, title="Voirie", text="Le programme.")
    response = member_client.get(body_register_url(world.body), {"q": "achat"})
    assert titles(response) == ["Groupement d'achats"]


def test_an_empty_search_says_so(world, member_client):
    record(world.body, title="Voirie")
    response = member_client.get(body_register_url(world.body), {"q": "piscine"})
    assert "Aucune décision ne correspond" in response.content.decode()


# --- Pages and query counts ------------------------------------------------------------------


def test_register_is_paginated_and_pages_keep_the_filters(world, member_client):
    for n in range(30):
        record(world.body, title=f"Achat {n:02d}", decided_on=date(2026, 1, 1) + timedelta(n))
    url = body_register_url(world.body)
    first = member_client.get(url, {"q": "achat", "kind": "decision"})
    assert len(titles(first)) == 25
    assert "?q=achat&amp;kind=decision&amp;page=2" in first.content.decode()
    second = member_client.get(url, {"q": "achat", "kind": "decision", "page": 2})
    assert titles(second) == [f"Achat {n:02d}" for n in range(4, -1, -1)]


def test_register_pages_keep_the_order_without_a_search(world, member_client):
    """The page's rows are read after the page's keys are cut (RegisterPaginator)."""
    for n in range(30):
        record(world.body, title=f"Achat {n:02d}", decided_on=date(2026, 1, 1) + timedelta(n))
    url = body_register_url(world.body)
    assert titles(member_client.get(url)) == [f"Achat {n:02d}" for n in range(29, 4, -1)]
    second = member_client.get(url, {"page": 2})
    assert titles(second) == [f"Achat {n:02d}" for n in range(4, -1, -1)]


def count_queries(client: Client, url: str, params: dict[str, Any]) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


# Session, user, the viewer's visible bodies (once), territory, the object choices, the
# count, the page of rows (with body, object, amended and superseded entries, and the
# status subqueries), then the body and organisation choices when the form is rendered,
# and the viewer's roles in the territory (may they open its page and exports?); a
# chosen organisation adds its lookup.
TERRITORY_QUERIES = 10


@pytest.mark.parametrize(
    "params", [{}, {"q": "achats", "status": "en_vigueur", "start": "2025-01-01"}]
)
def test_register_query_count_does_not_grow(world, admin_client_, params):
    obj = make_object(world.body, title="Achats")
    record(world.body, title="Achats 1", object=obj)
    url = register_url(world)
    assert count_queries(admin_client_, url, params) == TERRITORY_QUERIES
    for n in range(20):
        old = record(world.body, title=f"Achats {n}", object=obj, participants=[world.member])
        record(world.body, title=f"Achats bis {n}", amends=old)
    assert count_queries(admin_client_, url, params) == TERRITORY_QUERIES


def test_register_query_count_with_organisation_filter(world, admin_client_):
    params = {"organisation": world.commune.pk, "body": world.body.pk}
    record(world.body, title="Un", participants=[world.member])
    url = register_url(world)
    before = count_queries(admin_client_, url, params)
    for n in range(10):
        record(world.body, title=f"Encore {n}", participants=[world.member])
    assert count_queries(admin_client_, url, params) == before == TERRITORY_QUERIES + 2


def test_organisation_options_are_one_query_and_keep_the_choice(world, admin_client_):
    """The territory's organisations are options of the filter (LongSelect): as many as
    there are, one query, the chosen one selected."""
    url = register_url(world)
    before = count_queries(admin_client_, url, {})
    for n in range(15):
        OrganisationFactory.create(territory=world.territory, name=f"Commune {n:02d}")
    assert count_queries(admin_client_, url, {}) == before
    content = admin_client_.get(url, {"organisation": world.commune.pk}).content.decode()
    assert f'<option value="{world.commune.pk}" selected>Saint-Essai</option>' in content
    select = content.split('id="id_organisation"')[1].split("</select>")[0]
    assert '<option value="" selected>' not in select
    assert content.count(">Commune ") == 15


# --- The page of a decision --------------------------------------------------------------


@pytest.fixture
def adopted(world):
    """A decision adopted by consent with an objection integrated by an amendment, on an
    object where the body only gives an opinion (so the entry is an avis)."""
    circle = [PersonFactory.create(first_name="Ana", last_name="Abel")]
    MembershipFactory.create(body=world.body, person=circle[0])
    obj = make_object(world.body, title="Voirie et travaux", authority=Authority.OPINION)
    proposal = proposal_create(
        body=world.body,
        proposer=world.member,
        title="Programme de voirie 2026",
        text="Le codir donne un avis favorable au programme.",
        scope=Scope(object=obj),
    )
    proposal_open(proposal=proposal, actor=world.member)
    while proposal.phase != Proposal.Phase.OBJECTIONS:
        for person in waiting_for(proposal):
            turn_record(proposal=proposal, person=person, answer="passed", recorded_by=person)
        proposal_advance(proposal=proposal, actor=world.member)
    turn_record(
        proposal=proposal,
        person=circle[0],
        answer="objection",
        text="Les petites communes ne sont pas consultées.",
        recorded_by=circle[0],
    )
    turn_record(proposal=proposal, person=world.member, answer="consent", recorded_by=world.member)
    proposal_advance(proposal=proposal, actor=world.member)
    objection = Objection.objects.get(proposal=proposal)
    proposal_amend_text(
        proposal=proposal,
        actor=world.member,
        text="Avis favorable, après consultation de chaque commune.",
        reason="Consulter chaque commune.",
        responds_to=objection,
    )
    proposal_advance(proposal=proposal, actor=world.member)
    for person in waiting_for(proposal):
        turn_record(proposal=proposal, person=person, answer="consent", recorded_by=person)
    return proposal_adopt(proposal=proposal, actor=world.member, review_on=date(2027, 1, 15))


def test_decision_page_shows_the_whole_record(world, member_client, adopted):
    content = member_client.get(adopted.get_absolute_url()).content.decode()
    assert adopted.reference in content
    assert "avis" in content
    assert "le cadre de référence prévoit que l’instance donne un avis" in content
    assert "Voirie et travaux" in content
    assert "après consultation de chaque commune" in content
    assert "Les petites communes ne sont pas consultées." in content
    assert "intégrée par un amendement" in content
    assert "Consulter chaque commune." in content
    assert "Version 2" in content
    assert "Ana Abel" in content
    assert "15 janvier 2027" in content
    assert 'id="suivi"' in content  # the follow-up section of followup's template tag


def test_decision_pages_link_both_ways(world, member_client):
    old = record(world.body, title="Ancienne")
    amended = record(world.body, title="Modifiée")
    new = record(world.body, title="Nouvelle", supersedes=old)
    amending = record(world.body, title="Modifiante", amends=amended)
    old_page = member_client.get(old.get_absolute_url()).content.decode()
    assert "Remplacée par" in old_page and new.reference in old_page
    assert "remplacée" in old_page
    new_page = member_client.get(new.get_absolute_url()).content.decode()
    assert "Remplace" in new_page and old.reference in new_page
    amended_page = member_client.get(amended.get_absolute_url()).content.decode()
    assert "Modifiée par" in amended_page and amending.reference in amended_page
    amending_page = member_client.get(amending.get_absolute_url()).content.decode()
    assert "Modifie" in amending_page and amended.reference in amending_page


def test_decision_page_query_count(world, member_client, adopted, django_assert_num_queries):
    # Session, user, the user's bodies, the decision; the entries amending or superseding
    # it (its status comes from them), participants, documents, objections, amendments,
    # versions, the member's roles; then what the follow-up tag reads (the people who may
    # own an action, actions, implementations, communes without one): 15 (issue 9).
    with django_assert_num_queries(15):
        assert member_client.get(adopted.get_absolute_url()).status_code == 200


def test_decision_page_status_is_the_registers(world):
    """The page computes the status from the entries it reads; the register by SQL."""
    today = timezone.localdate()
    in_force = record(world.body, title="En vigueur")
    to_review = record(world.body, title="À revoir", review_on=today)
    amended = record(world.body, title="Modifiée", review_on=today)
    record(world.body, title="Modifiante", amends=amended)
    superseded = record(world.body, title="Remplacée", review_on=today)
    record(world.body, title="Amende et remplace", supersedes=superseded)
    entries = [in_force, to_review, amended, superseded]
    by_sql = statuses_of(Decision.objects.filter(pk__in=[e.pk for e in entries]), today)
    for entry in entries:
        assert decision_page(entry, today).status == by_sql[entry.pk]
    assert [by_sql[e.pk] for e in entries] == [
        Status.IN_FORCE,
        Status.TO_REVIEW,
        Status.AMENDED,
        Status.SUPERSEDED,
    ]


# --- Proposing to amend or supersede -------------------------------------------------------


def test_member_proposes_an_amendment_as_a_draft_proposal(world, member_client):
    obj = make_object(world.body, title="Achats")
    decision = record(world.body, title="Achats groupés", text="Le texte.", object=obj)
    response = member_client.post(reverse("decisions:decision_amend", args=[decision.pk]))
    proposal = Proposal.objects.get(amends=decision)
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert proposal.phase == Proposal.Phase.DRAFT
    assert proposal.proposer == world.member
    assert proposal.text == "Le texte."
    assert proposal.object == obj
    assert proposal.versions.count() == 1


def test_member_proposes_to_supersede(world, member_client):
    decision = record(world.body, title="Achats groupés")
    member_client.post(reverse("decisions:decision_supersede", args=[decision.pk]))
    proposal = Proposal.objects.get(supersedes=decision)
    assert proposal.amends is None
    assert decision.reference in proposal.title


def test_the_proposal_takes_the_object_of_the_latest_framework(world, member_client):
    obj = make_object(world.body, title="Achats")
    decision = record(world.body, object=obj)
    newer = FrameworkObject.objects.create(
        framework=make_framework(world.body), title="Achats (v2)", lineage=obj.lineage
    )
    member_client.post(reverse("decisions:decision_amend", args=[decision.pk]))
    assert Proposal.objects.get(amends=decision).object == newer


def test_guest_may_not_propose(world, guest_client):
    decision = record(world.body)
    assert (
        "Proposer une modification"
        not in guest_client.get(decision.get_absolute_url()).content.decode()
    )
    response = guest_client.post(reverse("decisions:decision_amend", args=[decision.pk]))
    assert response.status_code == 403
    assert not Proposal.objects.exists()


def test_a_superseded_decision_is_not_changed_again(world, member_client):
    old = record(world.body, title="Ancienne")
    record(world.body, title="Nouvelle", supersedes=old)
    assert (
        "Proposer une modification"
        not in member_client.get(old.get_absolute_url()).content.decode()
    )
    response = member_client.post(reverse("decisions:decision_amend", args=[old.pk]), follow=True)
    assert "elle ne change plus" in response.content.decode()
    assert not Proposal.objects.exists()


def test_actions_refuse_get(world, member_client):
    decision = record(world.body)
    assert (
        member_client.get(reverse("decisions:decision_amend", args=[decision.pk])).status_code
        == 405
    )


def test_former_member_may_not_propose(world, member_client):
    decision = record(world.body)
    BodyMembership.objects.filter(pk=world.member_seat.pk).update(
        start_date=date(2024, 1, 1), end_date=timezone.localdate() - timedelta(days=1)
    )
    response = member_client.post(reverse("decisions:decision_amend", args=[decision.pk]))
    assert response.status_code == 404  # no longer sits in the body: no longer sees it
    assert not Amendment.objects.exists()


# --- Who took part: the first ones on the page, everyone on its own page ----------------


def participants_url(decision: Decision) -> str:
    return reverse("decisions:decision_participants", args=[decision.pk])


def test_decision_page_names_the_first_participants_and_links_to_all(
    world, member_client, monkeypatch
):
    monkeypatch.setattr(register_selectors, "PARTICIPANTS_SHOWN", 2)
    people = [PersonFactory.create(last_name=f"Élu{n}") for n in range(3)]
    decision = record(world.body, title="Voirie", participants=people)
    content = member_client.get(decision.get_absolute_url()).content.decode()
    assert "Élu0" in content and "Élu1" in content and "Élu2" not in content
    assert participants_url(decision) in content
    assert "Voir les 3 personnes qui ont pris part" in content
    page = member_client.get(participants_url(decision)).content.decode()
    assert "Élu0" in page and "Élu2" in page and "3 personnes" in page


def test_decision_page_names_every_participant_when_few(world, member_client):
    decision = record(world.body, title="Voirie", participants=[world.member])
    content = member_client.get(decision.get_absolute_url()).content.decode()
    assert world.member.full_name in content
    assert participants_url(decision) not in content


def test_participants_page_outsider_gets_404_and_post_405(world, outsider_client, member_client):
    decision = record(world.body, title="Voirie", participants=[world.member])
    assert outsider_client.get(participants_url(decision)).status_code == 404
    assert member_client.post(participants_url(decision)).status_code == 405


def test_participants_page_query_count_does_not_grow(
    world, member_client, django_assert_num_queries
):
    decision = record(world.body, title="Voirie", participants=[world.member])
    # session, user, the viewer's visible bodies, the decision (+ body, territory), the
    # viewer's roles (breadcrumb), the participants
    with django_assert_num_queries(6) as first:
        member_client.get(participants_url(decision))
    larger = record(world.body, title="Écoles", participants=PersonFactory.create_batch(6))
    with django_assert_num_queries(len(first.captured_queries)):
        member_client.get(participants_url(larger))
