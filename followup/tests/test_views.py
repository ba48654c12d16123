from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.models import Person
from accounts.tests.factories import PersonFactory
from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import World, client_for
from decisions.models import Decision
from decisions.tests.factories import DecisionFactory
from followup.models import Action, ActionNote, Implementation, Status
from followup.selectors import BOARD_PAGE_SIZE, GROUPS_SHOWN, PEOPLE
from followup.tests.factories import ActionFactory, ImplementationFactory
from territories.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _today() -> date:
    return timezone.localdate()


# --- The decision page's block -------------------------------------------------------


def _render_tag(world: World, user: Person, decision: Decision) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load followup %}{% decision_followup decision %}")
    return template.render(Context({"request": request, "decision": decision}))


def test_tag_shows_actions_rows_progress_and_forms_to_a_member(world: World) -> None:
    decision = DecisionFactory.create(body=world.body)
    ActionFactory.create(
        body=world.body, decision=decision, title="Rédiger la convention", status=Status.DONE
    )
    ImplementationFactory.create(decision=decision, organisation=world.commune)
    OrganisationFactory.create(territory=world.territory, name="Commune sans ligne")
    html = _render_tag(world, world.member, decision)
    assert "Rédiger la convention" in html
    assert "Saint-Essai" in html
    assert '<progress id="avancement-' in html and 'max="2" value="1"' in html
    assert "50 % (1 sur 2)" in html
    assert reverse("followup:decision_action_create", args=[decision.pk]) in html
    assert reverse("followup:implementations_create", args=[decision.pk]) in html
    assert "Créer la ligne de la commune manquante" in html


def test_tag_offers_no_form_to_a_guest(world: World) -> None:
    decision = DecisionFactory.create(body=world.body)
    html = _render_tag(world, world.guest, decision)
    assert "Suivi de la décision" in html
    assert reverse("followup:decision_action_create", args=[decision.pk]) not in html
    assert reverse("followup:implementations_create", args=[decision.pk]) not in html


def test_tag_links_a_row_for_its_owner_only(world: World) -> None:
    decision = DecisionFactory.create(body=world.body)
    row = ImplementationFactory.create(decision=decision, organisation=world.commune)
    assert row.get_absolute_url() not in _render_tag(world, world.member, decision)
    row.owner = world.member
    row.save()
    assert row.get_absolute_url() in _render_tag(world, world.member, decision)
    assert row.get_absolute_url() in _render_tag(world, world.admin, decision)


def _communes_rows(world: World, decision: Decision, n: int) -> list[Implementation]:
    """`n` communes' rows: every third done, one overdue (the tenth), the others due
    one day further each."""
    today = _today()
    rows = []
    for i in range(n):
        commune = OrganisationFactory.create(territory=world.territory, name=f"Commune {i:03d}")
        status = Status.DONE if i % 3 == 0 else Status.TODO
        due = today - timedelta(days=5) if i == 10 else today + timedelta(days=i + 1)
        rows.append(
            ImplementationFactory.create(
                decision=decision, organisation=commune, status=status, due_on=due
            )
        )
    return rows


def test_decision_block_shows_the_rows_needing_attention_and_links_to_all(
    world: World, django_assert_num_queries: object
) -> None:
    """At the busiest territory a decision has a row per commune (158): its page shows
    the open ones, the most urgent first, a few, and counts every row in its progress."""
    from followup.selectors import ROWS_ON_DECISION_PAGE

    decision = DecisionFactory.create(body=world.body)
    _communes_rows(world, decision, 40)
    html = _render_tag(world, world.guest, decision)
    assert html.count('<th scope="row">Commune ') == ROWS_ON_DECISION_PAGE
    assert html.index("Commune 010") < html.index("Commune 001")  # overdue first
    assert "Commune 000" not in html and "Commune 003" not in html  # done: room left for none
    assert "sur 40" in html and "14 communes sur 40 ont mis en œuvre" in html
    link = reverse("followup:decision", args=[decision.pk]) + "#communes"
    assert f'href="{link}"' in html and "Voir les 40 lignes des communes" in html
    # The same queries with more rows: actions, the rows counted, the rows shown, the
    # viewer's roles (two queries for a guest).
    with django_assert_num_queries(5):  # type: ignore[operator]
        _render_tag(world, world.guest, decision)
    for row in _communes_rows(world, DecisionFactory.create(body=world.body), 60):
        row.decision = decision
        row.save()
    with django_assert_num_queries(5):  # type: ignore[operator]
        assert "Voir les 100 lignes" in _render_tag(world, world.guest, decision)


def test_decision_follow_up_page_lists_every_row_a_page_at_a_time(
    world: World, member_client: Client
) -> None:
    from followup.selectors import ROWS_PER_PAGE

    decision = DecisionFactory.create(body=world.body)
    _communes_rows(world, decision, ROWS_PER_PAGE + 5)
    url = reverse("followup:decision", args=[decision.pk])
    first = member_client.get(url).content.decode()
    assert first.count('<th scope="row">Commune ') == ROWS_PER_PAGE
    assert "Commune 000" in first and "Voir les" not in first
    assert "Page 1 sur 2" in first
    second = member_client.get(url, {"page": 2}).content.decode()
    assert second.count('<th scope="row">Commune ') == 5
    assert f"Commune {ROWS_PER_PAGE + 4:03d}" in second
    assert member_client.get(url, {"page": "zzz"}).status_code == 200


# --- The board ------------------------------------------------------------------------


def _fill_board(world: World, n: int) -> None:
    today = _today()
    for i in range(n):
        person = PersonFactory.create()
        MembershipFactory.create(body=world.body, person=person)
        commune = OrganisationFactory.create(territory=world.territory)
        decision = DecisionFactory.create(body=world.body)
        ActionFactory.create(
            body=world.body,
            decision=decision,
            owner=person,
            organisation=commune,
            due_on=today - timedelta(days=i + 1),
        )
        ActionFactory.create(body=world.body, due_on=today + timedelta(days=5))
        ImplementationFactory.create(
            decision=decision, organisation=commune, owner=person, due_on=today + timedelta(3)
        )


def test_board_query_count_is_constant(
    world: World, member_client: Client, django_assert_num_queries: object
) -> None:
    _fill_board(world, 2)
    # session + user, the viewer's visible bodies, body; for the actions and for the rows:
    # the numbers per organisation, which add up to the lists' numbers, and per owner (two
    # aggregates), and a page of the list (for the rows, a page of decisions that counts
    # them); the member's roles in the body (one query for every permission). The filter
    # form lists no one: owners and organisations are chosen on the board's lists.
    url = reverse("followup:board", args=[world.body.pk])
    with django_assert_num_queries(11):  # type: ignore[operator]
        response = member_client.get(url)
    assert response.status_code == 200
    _fill_board(world, 6)
    with django_assert_num_queries(11):  # type: ignore[operator]
        response = member_client.get(url)
    # 8 overdue actions, each shown once.
    assert response.content.decode().count('class="tag tag-overdue"') == 8
    # No commune's row is overdue: an empty page costs no query.
    with django_assert_num_queries(10):  # type: ignore[operator]
        member_client.get(url, {"due": "overdue", "page_actions": "2"})
    # Filtered on one commune, its rows themselves: the same number, plus the commune's
    # check by the filter form.
    commune = Implementation.objects.filter(decision__body=world.body).first().organisation  # type: ignore[union-attr]
    with django_assert_num_queries(12):  # type: ignore[operator]
        response = member_client.get(url, {"organisation": commune.pk})
    assert response.context["board"].rows.paginator.count == 1


def test_board_shows_each_action_once_overdue_first(world: World, member_client: Client) -> None:
    today = _today()
    ActionFactory.create(body=world.body, title="Sans date", due_on=None)
    ActionFactory.create(body=world.body, title="Plus tard", due_on=today + timedelta(days=40))
    ActionFactory.create(body=world.body, title="Bientôt", due_on=today + timedelta(days=10))
    ActionFactory.create(
        body=world.body, title="En retard", due_on=today - timedelta(days=1), owner=world.member
    )
    ActionFactory.create(body=world.body, title="Déjà faite", status=Status.DONE)
    ActionFactory.create(body=world.other_body, title="Ailleurs")
    response = member_client.get(reverse("followup:board", args=[world.body.pk]))
    board = response.context["board"]
    assert [a.title for a in board.actions] == ["En retard", "Bientôt", "Plus tard", "Sans date"]
    assert (board.action_counts.total, board.action_counts.overdue) == (4, 1)
    assert board.action_counts.soon == 1
    assert [(g.label, g.count) for g in board.by_person] == [("Marc Membre", 1), ("", 3)]
    content = response.content.decode()
    for title in ("En retard", "Bientôt", "Plus tard", "Sans date"):
        assert content.count(f">{title}</a>") == 1
    assert "Déjà faite" not in content and "Ailleurs" not in content
    assert "due=overdue" in content and "due=soon" in content


def test_board_filters_on_the_due_date(world: World, member_client: Client) -> None:
    today = _today()
    ActionFactory.create(body=world.body, title="En retard", due_on=today - timedelta(days=1))
    ActionFactory.create(body=world.body, title="Bientôt", due_on=today + timedelta(days=10))
    ActionFactory.create(body=world.body, title="Sans date", due_on=None)
    url = reverse("followup:board", args=[world.body.pk])
    for due, titles in (
        ("overdue", ["En retard"]),
        ("soon", ["Bientôt"]),
        ("later", ["Sans date"]),
    ):
        board = member_client.get(url, {"due": due}).context["board"]
        assert [a.title for a in board.actions] == titles
        assert board.actions.paginator.count == 1
        assert board.action_counts.total == 3  # the summary keeps the whole picture


def test_board_pages_its_lists(world: World, member_client: Client) -> None:
    today = _today()
    n = BOARD_PAGE_SIZE + 10
    for i in range(n):
        ActionFactory.create(
            body=world.body,
            title=f"Retard {i:02d}",
            owner=world.member,
            due_on=today - timedelta(days=n - i),
        )
    url = reverse("followup:board", args=[world.body.pk])
    response = member_client.get(url)
    board = response.context["board"]
    assert board.action_counts.overdue == n
    assert [a.title for a in board.actions][:2] == ["Retard 00", "Retard 01"]
    assert len(board.actions.object_list) == BOARD_PAGE_SIZE and board.actions.paginator.count == n
    content = response.content.decode()
    assert "page_actions=2#actions" in content
    assert f"owner={world.member.pk}" in content  # the person's group filters the board
    second = member_client.get(url, {"page_actions": 2}).context["board"]
    assert [a.title for a in second.actions] == [f"Retard {i}" for i in range(BOARD_PAGE_SIZE, n)]


def test_board_filters_by_owner_status_and_organisation(
    world: World, member_client: Client
) -> None:
    ActionFactory.create(body=world.body, title="A Marc", owner=world.member)
    ActionFactory.create(body=world.body, title="Sans", organisation=world.commune)
    ActionFactory.create(body=world.body, title="Faite", status=Status.DONE)
    url = reverse("followup:board", args=[world.body.pk])
    by_owner = member_client.get(url, {"owner": world.member.pk}).context["board"]
    assert [a.title for a in by_owner.actions] == ["A Marc"]
    by_org = member_client.get(url, {"organisation": world.commune.pk}).context["board"]
    assert [a.title for a in by_org.actions] == ["Sans"]
    done = member_client.get(url, {"status": Status.DONE}).context["board"]
    assert [a.title for a in done.actions] == ["Faite"]


def test_board_names_those_who_carry_the_most_and_counts_the_others(
    world: World, member_client: Client
) -> None:
    # 13 people and 13 communes carry an action and a row each, the member and
    # Saint-Essai 3 actions.
    _fill_board(world, GROUPS_SHOWN + 3)
    for _ in range(3):
        ActionFactory.create(body=world.body, owner=world.member, organisation=world.commune)
    url = reverse("followup:board", args=[world.body.pk])
    response = member_client.get(url)
    board = response.context["board"]
    people = [g for g in board.by_person if g.key]
    assert len(people) == GROUPS_SHOWN and people[0].label == "Marc Membre"
    assert board.by_person[-1].key == ""  # those without an owner, always, last
    assert board.people_more == 4  # 13 + the member, less the 10 named
    assert board.by_organisation[0].label == "Saint-Essai"
    assert board.organisations_more == 4
    content = response.content.decode()
    assert "Voir les 4 autres personnes" in content and "tout=personnes" in content
    # The filter form lists no one: 150 seats made 7 KB of options.
    assert '<input type="hidden" name="owner"' in content
    assert '<select name="owner"' not in content and '<select name="organisation"' not in content
    whole = member_client.get(url, {"tout": PEOPLE}).context["board"]
    assert len(whole.by_person) == 15 and whole.people_more == 0
    assert [g.label for g in whole.by_person[:-1]] == sorted(g.label for g in whole.by_person[:-1])
    assert (
        "N’afficher que les principales"
        in member_client.get(url, {"tout": PEOPLE}).content.decode()
    )


def test_board_sums_up_the_communes_rows_by_decision(world: World, member_client: Client) -> None:
    today = _today()
    decision = DecisionFactory.create(body=world.body)
    communes = [OrganisationFactory.create(territory=world.territory) for _ in range(4)]
    late, soon, done, abandoned = (
        ImplementationFactory.create(decision=decision, organisation=c) for c in communes
    )
    late.due_on = today - timedelta(days=3)
    soon.due_on = today + timedelta(days=3)
    done.status, abandoned.status = Status.DONE, Status.ABANDONED
    for row in (late, soon, done, abandoned):
        row.save()
    ImplementationFactory.create(
        decision=DecisionFactory.create(body=world.body), organisation=world.commune
    )
    url = reverse("followup:board", args=[world.body.pk])
    response = member_client.get(url)
    board = response.context["board"]
    assert board.rows is None and board.rows_listed == 3
    first = board.decisions[0]
    assert (first.decision_id, first.listed, first.overdue) == (decision.pk, 2, 1)
    assert (first.done, first.counted, first.next_due) == (1, 3, late.due_on)
    assert board.decisions.paginator.count == 2
    content = response.content.decode()
    assert "1 / 3 faites" in content
    assert reverse("followup:decision", args=[decision.pk]) + "#suivi" in content
    assert late.get_absolute_url() not in content  # the rows are on the decision's page
    # On one commune, its rows themselves, with the link to edit them.
    one = member_client.get(url, {"organisation": communes[0].pk})
    assert one.context["board"].decisions is None
    assert [r.pk for r in one.context["board"].rows] == [late.pk]
    assert "retirer ce filtre" in one.content.decode()


def test_board_pages_the_decisions_of_the_communes_rows(
    world: World, member_client: Client
) -> None:
    today = _today()
    for i in range(BOARD_PAGE_SIZE + 2):
        ImplementationFactory.create(
            decision=DecisionFactory.create(body=world.body),
            organisation=world.commune,
            due_on=today + timedelta(days=i),
        )
    url = reverse("followup:board", args=[world.body.pk])
    first = member_client.get(url)
    assert len(first.context["board"].decisions) == BOARD_PAGE_SIZE
    assert "page_rows=2#mises-en-oeuvre" in first.content.decode()
    second = member_client.get(url, {"page_rows": "2"}).context["board"].decisions
    last = [today + timedelta(days=BOARD_PAGE_SIZE + i) for i in range(2)]
    assert [d.next_due for d in second] == last
    assert second.paginator.num_pages == 2 and second.number == 2
    beyond = member_client.get(url, {"page_rows": "9"}).context["board"].decisions
    assert beyond.number == 1 and len(beyond) == BOARD_PAGE_SIZE


def test_board_of_another_territory_is_404(world: World, outsider_client: Client) -> None:
    response = outsider_client.get(reverse("followup:board", args=[world.body.pk]))
    assert response.status_code == 404


# --- Actions -------------------------------------------------------------------------


def test_member_adds_an_action_to_a_decision(world: World, member_client: Client) -> None:
    decision = DecisionFactory.create(body=world.body)
    url = reverse("followup:decision_action_create", args=[decision.pk])
    assert member_client.get(url).status_code == 200
    response = member_client.post(
        url,
        {
            "title": "Rédiger la convention",
            "owner": world.member.pk,
            "organisation": world.commune.pk,
            "due_on": "2030-01-15",
        },
    )
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    assert (action.decision, action.owner, action.body) == (decision, world.member, world.body)


def test_invalid_action_keeps_what_was_typed(world: World, member_client: Client) -> None:
    url = reverse("followup:body_action_create", args=[world.body.pk])
    response = member_client.post(url, {"title": "", "details": "Mes précisions"})
    assert response.status_code == 200
    assert "Mes précisions" in response.content.decode()
    assert "Dites ce qu" in response.content.decode()
    assert not Action.objects.exists()


def test_guest_may_not_add_an_action(world: World, guest_client: Client) -> None:
    url = reverse("followup:body_action_create", args=[world.body.pk])
    assert guest_client.get(url).status_code == 403
    assert guest_client.post(url, {"title": "X"}).status_code == 403


def test_owner_changes_status_with_a_note(world: World, member_client: Client) -> None:
    action = ActionFactory.create(body=world.body, owner=world.member)
    response = member_client.post(
        reverse("followup:action_status", args=[action.pk]),
        {"status": Status.BLOCKED, "text": "Attend le budget."},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Status.BLOCKED
    page = member_client.get(action.get_absolute_url()).content.decode()
    assert "Attend le budget." in page and "passe à « bloqué »" in page


def test_refused_status_change_says_why(world: World, member_client: Client) -> None:
    action = ActionFactory.create(body=world.body, owner=world.member)
    response = member_client.post(
        reverse("followup:action_status", args=[action.pk]), {"status": Status.BLOCKED}
    )
    assert response.status_code == 400
    assert "Dites ce qui bloque" in response.content.decode()
    assert not ActionNote.objects.exists()


def test_member_who_is_not_owner_may_see_but_not_edit(world: World) -> None:
    other = PersonFactory.create()
    MembershipFactory.create(body=world.body, person=other)
    action = ActionFactory.create(body=world.body, owner=world.member)
    client = client_for(other)
    page = client.get(action.get_absolute_url())
    assert page.status_code == 200
    assert reverse("followup:action_status", args=[action.pk]) not in page.content.decode()
    assert client.get(reverse("followup:action_edit", args=[action.pk])).status_code == 403
    status = client.post(
        reverse("followup:action_status", args=[action.pk]), {"status": Status.DONE}
    )
    assert status.status_code == 403


def test_facilitator_edits_an_action(world: World) -> None:
    facilitator = PersonFactory.create()
    MembershipFactory.create(
        body=world.body, person=facilitator, role=BodyMembership.Role.FACILITATOR
    )
    action = ActionFactory.create(body=world.body, owner=world.member)
    response = client_for(facilitator).post(
        reverse("followup:action_edit", args=[action.pk]),
        {"title": "Renommée", "owner": world.member.pk},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Renommée"


def test_outsider_gets_404_on_an_action(world: World, outsider_client: Client) -> None:
    action = ActionFactory.create(body=world.body)
    assert outsider_client.get(action.get_absolute_url()).status_code == 404
    url = reverse("followup:action_status", args=[action.pk])
    assert outsider_client.post(url, {"status": Status.DONE}).status_code == 404


def test_status_form_refuses_get(world: World, member_client: Client) -> None:
    action = ActionFactory.create(body=world.body, owner=world.member)
    assert member_client.get(reverse("followup:action_status", args=[action.pk])).status_code == 405


# --- The communes' rows ----------------------------------------------------------------


def test_member_creates_rows_then_owner_updates_one(world: World, member_client: Client) -> None:
    decision = DecisionFactory.create(body=world.body)
    response = member_client.post(reverse("followup:implementations_create", args=[decision.pk]))
    assert response.status_code == 302
    row = Implementation.objects.get(decision=decision)
    assert row.organisation == world.commune
    assert row.owner == world.member  # the commune's DGS, who sits in the body
    url = reverse("followup:implementation", args=[row.pk])
    Implementation.objects.filter(pk=row.pk).update(owner=None)
    assert member_client.get(url).status_code == 403  # not its owner any more
    row.owner = world.member
    row.save()
    response = member_client.post(
        url, {"status": Status.DONE, "owner": world.member.pk, "note": "Délibération prise."}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == Status.DONE and row.done_on == _today()


def test_a_commune_row_links_to_its_decision(world: World, member_client: Client) -> None:
    # The row's page is a form: what the commune has to do is in the decision, which
    # was reachable only through "Annuler".
    decision = DecisionFactory.create(body=world.body)
    row = ImplementationFactory.create(
        decision=decision, organisation=world.commune, owner=world.member
    )
    content = member_client.get(row.get_absolute_url()).content.decode()
    assert f'<p class="lead"><a href="{decision.get_absolute_url()}">' in content


def test_guest_may_not_create_rows(world: World, guest_client: Client) -> None:
    decision = DecisionFactory.create(body=world.body)
    url = reverse("followup:implementations_create", args=[decision.pk])
    assert guest_client.post(url).status_code == 403
    assert not Implementation.objects.exists()


def test_outsider_gets_404_on_rows(world: World, outsider_client: Client) -> None:
    decision = DecisionFactory.create(body=world.body)
    row = ImplementationFactory.create(decision=decision, organisation=world.commune)
    assert outsider_client.get(row.get_absolute_url()).status_code == 404
    create = reverse("followup:implementations_create", args=[decision.pk])
    assert outsider_client.post(create).status_code == 404
    assert Implementation.objects.count() == 1


def test_decision_follow_up_page(world: World, member_client: Client) -> None:
    decision = DecisionFactory.create(body=world.body, title="Achats groupés")
    ActionFactory.create(body=world.body, decision=decision, title="Lancer la consultation")
    response = member_client.get(reverse("followup:decision", args=[decision.pk]))
    assert response.status_code == 200
    assert "Lancer la consultation" in response.content.decode()


# --- Mes actions --------------------------------------------------------------------------


def test_my_actions_lists_only_mine_and_open(
    world: World, member_client: Client, django_assert_num_queries: object
) -> None:
    ActionFactory.create(body=world.body, title="La mienne", owner=world.member)
    ActionFactory.create(body=world.body, title="Faite", owner=world.member, status=Status.DONE)
    ActionFactory.create(body=world.body, title="Pas à moi", owner=world.admin)
    decision = DecisionFactory.create(body=world.body)
    ImplementationFactory.create(decision=decision, organisation=world.commune, owner=world.member)
    # session + user, the viewer's visible bodies, actions, rows
    with django_assert_num_queries(5):  # type: ignore[operator]
        response = member_client.get(reverse("followup:mine"))
    content = response.content.decode()
    assert "La mienne" in content and "Saint-Essai" in content
    assert "Faite" not in content and "Pas à moi" not in content


def test_my_actions_query_count_is_constant(
    world: World, member_client: Client, django_assert_num_queries: object
) -> None:
    for _ in range(5):
        decision = DecisionFactory.create(body=world.body)
        ActionFactory.create(body=world.body, owner=world.member, decision=decision)
        ImplementationFactory.create(
            decision=decision,
            organisation=OrganisationFactory.create(territory=world.territory),
            owner=world.member,
        )
    with django_assert_num_queries(5):  # type: ignore[operator]
        member_client.get(reverse("followup:mine"))


def test_home_shows_my_actions(world: World, member_client: Client) -> None:
    ActionFactory.create(
        body=world.body, title="Relancer la préfecture", owner=world.member, due_on=_today()
    )
    content = member_client.get(reverse("home:home")).content.decode()
    assert "Mes actions" in content and "Relancer la préfecture" in content
    assert reverse("followup:mine") in content


def test_tag_query_count_is_constant(world: World, django_assert_num_queries: object) -> None:
    decision = DecisionFactory.create(body=world.body)
    ActionFactory.create(body=world.body, decision=decision, owner=world.member)
    ImplementationFactory.create(decision=decision, organisation=world.commune)
    # actions, the rows counted, the rows shown, the viewer's roles (access), communes
    # without a row
    with django_assert_num_queries(6):  # type: ignore[operator]
        _render_tag(world, world.member, decision)
    for _ in range(5):
        commune = OrganisationFactory.create(territory=world.territory)
        ImplementationFactory.create(decision=decision, organisation=commune, owner=world.admin)
        ActionFactory.create(
            body=world.body, decision=decision, owner=PersonFactory.create(), organisation=commune
        )
    with django_assert_num_queries(6):  # type: ignore[operator]
        html = _render_tag(world, world.member, decision)
    assert html.count("<tr>") == 6 + 6 + 2  # rows, actions and the two header rows


# --- Read-only pages -------------------------------------------------------------------

READ_ONLY = ["followup:board", "followup:mine", "followup:action", "followup:decision"]


@pytest.mark.parametrize("name", READ_ONLY)
def test_read_only_pages_refuse_a_post(world: World, admin_client_: Client, name: str) -> None:
    from followup.tests.url_routes import ROUTES

    url = reverse(name, kwargs=ROUTES[name](world))
    assert admin_client_.get(url).status_code == 200
    assert admin_client_.post(url).status_code == 405
    assert not ActionNote.objects.exists()


def test_progress_agrees_with_what_is_done(world: World) -> None:
    """ "1 action faite sur 3", not "1 actions faites sur 3": the noun follows the number
    done, not the total."""
    decision = DecisionFactory.create(body=world.body)
    ActionFactory.create(body=world.body, decision=decision, status=Status.DONE)
    ActionFactory.create_batch(2, body=world.body, decision=decision)
    rows = _communes_rows(world, decision, 2)  # the first done
    html = _render_tag(world, world.guest, decision)
    assert "1 action faite sur 3." in html
    assert "1 commune sur 2 a mis en œuvre la décision." in html
    rows[1].status = Status.DONE
    rows[1].save()
    assert "2 communes sur 2 ont mis en œuvre" in _render_tag(world, world.guest, decision)
