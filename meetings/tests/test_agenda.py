"""The agenda built by everyone: proposing, ordering, accepting, deferring, merging,
rounds, late documents, carry-over, and who may do what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import client_for
from documents.models import Document
from governance.tests.factories import CharterFactory
from meetings.agenda_services import agenda_carry_over
from meetings.models import AgendaItem, Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from territories.models import Organisation, Position
from territories.tests.factories import OrganisationFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator(world):
    person = PersonFactory.create(first_name="Fanny", last_name="Anime", email="anime@example.fr")
    MembershipFactory.create(body=world.body, person=person)
    return person


@pytest.fixture
def meeting(world, facilitator):
    return MeetingFactory.create(
        body=world.body, facilitator=facilitator, status=Meeting.Status.AGENDA_OPEN
    )


def agenda_url(meeting):
    return reverse("meetings:agenda", args=[meeting.pk])


def propose_url(meeting):
    return reverse("meetings:item_propose", args=[meeting.pk])


def item_url(name, item):
    return reverse(f"meetings:{name}", args=[item.pk])


def valid_item(**overrides):
    data = {
        "title": "Mutualiser le remplacement des secrétaires de mairie",
        "kind": AgendaItem.Kind.DECISION,
        "presenter": "",
        "duration_minutes": "20",
        "description": "Une liste de remplaçantes partagée entre les communes.",
    }
    data.update(overrides)
    return data


def titles(meeting):
    return list(
        meeting.items.filter(status__in=["proposed", "accepted"])
        .order_by("position")
        .values_list("title", flat=True)
    )


# --- Access --------------------------------------------------------------------------


def all_urls(meeting, item):
    return [
        agenda_url(meeting),
        propose_url(meeting),
        reverse("meetings:item_reorder", args=[meeting.pk]),
        reverse("meetings:add_rounds", args=[meeting.pk]),
        item_url("item_edit", item),
        item_url("item_move", item),
        item_url("item_accept", item),
        item_url("item_defer", item),
        item_url("item_merge", item),
    ]


def test_anonymous_is_sent_to_login(client, meeting, world):
    item = AgendaItemFactory.create(meeting=meeting, proposed_by=world.member)
    for url in all_urls(meeting, item):
        response = client.get(url) if url == agenda_url(meeting) else client.post(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login"))


def test_outsider_gets_404_everywhere(outsider_client, meeting, world):
    item = AgendaItemFactory.create(meeting=meeting, proposed_by=world.member)
    for url in all_urls(meeting, item)[1:]:
        assert outsider_client.post(url, {"direction": "up"}).status_code == 404, url
    assert outsider_client.get(agenda_url(meeting)).status_code == 404
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.PROPOSED


def test_territory_member_outside_the_body_gets_404(world, meeting):
    from territories.tests.factories import TerritoryMemberFactory

    neighbour = PersonFactory.create()
    TerritoryMemberFactory.create(territory=world.territory, person=neighbour)
    assert client_for(neighbour).get(agenda_url(meeting)).status_code == 404


def test_wrong_methods_are_refused(member_client, admin_client_, meeting, world):
    item = AgendaItemFactory.create(meeting=meeting, proposed_by=world.member)
    assert member_client.post(agenda_url(meeting)).status_code == 405
    for url in all_urls(meeting, item)[2:4] + [
        item_url(n, item) for n in ("item_move", "item_accept", "item_defer")
    ]:
        assert admin_client_.get(url).status_code == 405, url
    assert admin_client_.delete(propose_url(meeting)).status_code == 405


def test_member_gets_403_on_the_facilitators_actions(member_client, meeting, world):
    item = AgendaItemFactory.create(meeting=meeting, proposed_by=world.admin, title="A")
    AgendaItemFactory.create(meeting=meeting, proposed_by=world.admin, title="B")
    for name in ("item_move", "item_accept", "item_defer", "item_merge"):
        assert member_client.post(item_url(name, item), {"direction": "down"}).status_code == 403
    assert member_client.get(item_url("item_merge", item)).status_code == 403
    assert member_client.post(item_url("item_edit", item), valid_item()).status_code == 403
    for name in ("item_reorder", "add_rounds"):
        response = member_client.post(reverse(f"meetings:{name}", args=[meeting.pk]))
        assert response.status_code == 403, name
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.PROPOSED
    assert titles(meeting) == ["A", "B"]


def test_guest_sees_the_agenda_but_cannot_propose(guest_client, meeting):
    assert guest_client.get(agenda_url(meeting)).status_code == 200
    assert guest_client.post(propose_url(meeting), valid_item()).status_code == 403
    assert not meeting.items.exists()


# --- Proposing -----------------------------------------------------------------------


def test_member_proposes_an_item(member_client, meeting, world):
    response = member_client.post(propose_url(meeting), valid_item(presenter=str(world.member.pk)))
    item = meeting.items.get()
    assert response.status_code == 302
    assert response["Location"] == f"{agenda_url(meeting)}#point-{item.pk}"
    assert item.proposed_by == world.member
    assert item.presenter == world.member
    assert item.kind == AgendaItem.Kind.DECISION
    assert item.duration_minutes == 20
    assert item.status == AgendaItem.Status.PROPOSED


def test_the_proposal_form_opens_pre_filled_and_saves_nothing(member_client, meeting):
    # Pages of other apps (an actor of the networks) link here with ?titre=&texte=.
    response = member_client.get(
        propose_url(meeting), {"titre": "Relation avec la DDT", "texte": "Point <b>sur</b> la DDT"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Relation avec la DDT"' in content
    assert "Point &lt;b&gt;sur&lt;/b&gt; la DDT</textarea>" in content
    assert not meeting.items.exists()


def test_a_pre_filled_value_that_the_form_refuses_is_left_out(member_client, meeting):
    response = member_client.get(
        propose_url(meeting), {"titre": "x" * 201, "texte": "Bon texte\x00"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="xxx' not in content
    assert "Bon texte</textarea>" not in content
    assert not meeting.items.exists()


def test_proposing_opens_a_planned_agenda(member_client, meeting):
    meeting.status = Meeting.Status.PLANNED
    meeting.save()
    member_client.post(propose_url(meeting), valid_item())
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_OPEN


def test_bad_input_is_refused_in_french_and_kept(member_client, meeting):
    response = member_client.post(
        propose_url(meeting), valid_item(duration_minutes="vingt", title="Mon point")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Indiquez une durée en minutes, en chiffres." in content
    assert 'value="Mon point"' in content
    assert "rien n’a été enregistré" in content
    assert not meeting.items.exists()


def test_presenter_must_sit_in_the_body(member_client, meeting, world):
    response = member_client.post(propose_url(meeting), valid_item(presenter=world.outsider.pk))
    assert "Choisissez une personne qui siège dans l’instance." in response.content.decode()
    assert not meeting.items.exists()


def test_item_proposed_by_a_small_communes_secretary_is_shown(world, meeting, member_client):
    village = OrganisationFactory.create(
        territory=world.territory,
        name="Le Petit-Bourg",
        population=320,
        kind=Organisation.Kind.COMMUNE,
    )
    secretary = PersonFactory.create(first_name="Nadia", last_name="Secrétaire")
    position = PositionFactory.create(
        person=secretary, organisation=village, function=Position.Function.SECRETARY
    )
    MembershipFactory.create(body=world.body, person=secretary, position=position)
    client_for(secretary).post(propose_url(meeting), valid_item(title="Le point du village"))
    AgendaItemFactory.create(meeting=meeting, proposed_by=world.admin, title="Le point de l'EPCI")

    content = member_client.get(agenda_url(meeting)).content.decode()
    assert "Le point du village" in content
    assert "Proposé par Nadia Secrétaire" in content
    assert "Le Petit-Bourg" in content
    # Parity: both proposals are listed the same way, in the order they came.
    assert content.index("Le point du village") < content.index("Le point de l'EPCI")


def test_proposer_edits_their_item_while_the_agenda_is_open(member_client, meeting, world):
    item = AgendaItemFactory.create(meeting=meeting, proposed_by=world.member)
    assert member_client.get(item_url("item_edit", item)).status_code == 200
    response = member_client.post(item_url("item_edit", item), valid_item(title="Reformulé"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Reformulé"


# --- Convening freezes the agenda ----------------------------------------------------


def test_after_convening_a_member_can_no_longer_propose(
    admin_client_, member_client, meeting, world, facilitator
):
    admin_client_.post(reverse("meetings:convene", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CONVENED
    assert member_client.post(propose_url(meeting), valid_item()).status_code == 403
    assert "adressez-vous à l’animation" in member_client.get(agenda_url(meeting)).content.decode()
    assert not meeting.items.exists()
    # The facilitator still may: the item is on the agenda at once.
    response = client_for(facilitator).post(propose_url(meeting), valid_item())
    assert response.status_code == 302
    assert meeting.items.get().status == AgendaItem.Status.ACCEPTED


def test_proposer_cannot_edit_after_convening(member_client, meeting, world, facilitator):
    item = AgendaItemFactory.create(meeting=meeting, proposed_by=world.member)
    meeting.status = Meeting.Status.CONVENED
    meeting.save()
    assert member_client.post(item_url("item_edit", item), valid_item()).status_code == 403


# --- Ordering ------------------------------------------------------------------------


@pytest.fixture
def three_items(meeting, world):
    return [
        AgendaItemFactory.create(meeting=meeting, proposed_by=world.member, title=t, position=i)
        for i, t in enumerate(["A", "B", "C"])
    ]


def test_facilitator_orders_with_the_keyboard_buttons(meeting, facilitator, three_items):
    client = client_for(facilitator)
    a, _b, c = three_items
    response = client.post(item_url("item_move", c), {"direction": "up"})
    assert response["Location"].endswith(f"#point-{c.pk}")
    assert titles(meeting) == ["A", "C", "B"]
    client.post(item_url("item_move", a), {"direction": "down"})
    assert titles(meeting) == ["C", "A", "B"]
    # At the top already: nothing moves.
    client.post(item_url("item_move", c), {"direction": "up"})
    assert titles(meeting) == ["C", "A", "B"]
    client.post(item_url("item_move", c), {"direction": "sideways"})
    assert titles(meeting) == ["C", "A", "B"]


def test_agenda_page_has_move_buttons_for_the_facilitator_only(
    meeting, facilitator, member_client, three_items
):
    page = client_for(facilitator).get(agenda_url(meeting)).content.decode()
    assert page.count('<button form="agenda-act" name="up"') == 3
    assert "data-reorder-url" in page
    member_page = member_client.get(agenda_url(meeting)).content.decode()
    assert 'form="agenda-act"' not in member_page
    assert 'id="agenda-act"' not in member_page


def test_drag_and_drop_posts_the_whole_order(meeting, facilitator, three_items):
    client = client_for(facilitator)
    a, b, c = three_items
    url = reverse("meetings:item_reorder", args=[meeting.pk])
    response = client.post(url, {"ids": [c.pk, a.pk, b.pk]}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="agenda-items"' in response.content.decode()
    assert titles(meeting) == ["C", "A", "B"]
    # An order that misses an item is refused, nothing changes.
    response = client.post(url, {"ids": [a.pk, b.pk]}, headers={"HX-Request": "true"})
    assert response.status_code == 409
    assert "rechargez la page" in response.content.decode()
    response = client.post(url, {"ids": ["x"]})
    assert response.status_code == 302
    assert titles(meeting) == ["C", "A", "B"]


# --- Accept, defer, merge, rounds ----------------------------------------------------


def test_facilitator_accepts_an_item(meeting, facilitator, three_items):
    client_for(facilitator).post(item_url("item_accept", three_items[0]))
    three_items[0].refresh_from_db()
    assert three_items[0].status == AgendaItem.Status.ACCEPTED


def test_deferring_carries_the_item_to_the_next_meeting(meeting, facilitator, three_items, world):
    later = MeetingFactory.create(
        body=world.body,
        starts_at=meeting.starts_at + timedelta(days=28),
        ends_at=meeting.ends_at + timedelta(days=28),
    )
    b = three_items[1]
    client_for(facilitator).post(item_url("item_defer", b))
    b.refresh_from_db()
    assert b.status == AgendaItem.Status.DEFERRED
    copy = later.items.get()
    assert copy.carried_from == b
    assert copy.title == "B"
    assert copy.proposed_by == world.member
    assert titles(meeting) == ["A", "C"]
    page = client_for(world.member).get(agenda_url(later)).content.decode()
    assert "Historique du point" in page
    assert f"#point-{b.pk}" in page


def test_merging_keeps_the_merged_item_visible(meeting, facilitator, three_items, member_client):
    a, _b, c = three_items
    client = client_for(facilitator)
    assert client.get(item_url("item_merge", c)).status_code == 200
    response = client.post(item_url("item_merge", c), {"into": a.pk})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.status == AgendaItem.Status.MERGED
    assert c.merged_into == a
    page = member_client.get(agenda_url(meeting)).content.decode()
    assert "Points fusionnés ici" in page
    assert titles(meeting) == ["A", "B"]


def test_merging_into_itself_is_refused(meeting, facilitator, three_items):
    a = three_items[0]
    response = client_for(facilitator).post(item_url("item_merge", a), {"into": a.pk})
    assert response.status_code == 200
    assert "Choisissez un point de cet ordre du jour." in response.content.decode()
    a.refresh_from_db()
    assert a.status == AgendaItem.Status.PROPOSED


def test_rounds_are_added_in_one_click(meeting, facilitator, three_items):
    client = client_for(facilitator)
    url = reverse("meetings:add_rounds", args=[meeting.pk])
    assert "Ajouter les tours de table" in client.get(agenda_url(meeting)).content.decode()
    client.post(url)
    assert titles(meeting) == [
        "Tour de table d'ouverture",
        "A",
        "B",
        "C",
        "Tour de table de clôture",
    ]
    client.post(url)  # twice changes nothing
    assert len(titles(meeting)) == 5
    assert meeting.items.filter(kind=AgendaItem.Kind.ROUND).count() == 2


def test_planned_duration_is_compared_with_the_meetings_length(meeting, member_client, world):
    for _ in range(6):
        AgendaItemFactory.create(meeting=meeting, proposed_by=world.member, duration_minutes=30)
    content = member_client.get(agenda_url(meeting)).content.decode()
    assert "180 min sur 150 min de réunion" in content
    assert "dépasse la durée de la réunion" in content


# --- Late documents ------------------------------------------------------------------


def _document(item, uploaded_at, title):
    return Document.objects.create(
        body=item.meeting.body,
        meeting=item.meeting,
        item=item,
        title=title,
        file="documents/test.pdf",
        original_name="test.pdf",
        content_type="application/pdf",
        size=1000,
        uploaded_at=uploaded_at,
    )


def test_documents_after_the_charters_notice_are_flagged(world, member_client):
    charter = CharterFactory.create(body=world.body, notice_days=7)
    meeting = MeetingFactory.create(
        body=world.body, charter=charter, status=Meeting.Status.AGENDA_OPEN
    )
    item = AgendaItemFactory.create(meeting=meeting, proposed_by=world.member)
    _document(item, meeting.starts_at - timedelta(days=10), "Note à temps")
    _document(item, meeting.starts_at - timedelta(days=3), "Note tardive")
    content = member_client.get(agenda_url(meeting)).content.decode()
    assert "délai de la charte : 7 jours" in content
    assert "1 document déposé hors délai" in content
    late = content[content.index("Note tardive") :]
    assert "après le délai de la charte" in late[:400]
    on_time = content[content.index("Note à temps") : content.index("Note tardive")]
    assert "après le délai de la charte" not in on_time


# --- Carry-over ----------------------------------------------------------------------


def test_carry_over_takes_untreated_items_and_keeps_their_history(world):
    now = timezone.now()
    held = MeetingFactory.create(
        body=world.body,
        status=Meeting.Status.HELD,
        starts_at=now - timedelta(days=7),
        ends_at=now - timedelta(days=7, hours=-2),
    )
    later = MeetingFactory.create(body=world.body, status=Meeting.Status.AGENDA_OPEN)
    untreated = AgendaItemFactory.create(
        meeting=held, status=AgendaItem.Status.ACCEPTED, title="Pas traité"
    )
    AgendaItemFactory.create(
        meeting=held,
        status=AgendaItem.Status.ACCEPTED,
        title="Traité",
        outcome=AgendaItem.Outcome.NOTED,
    )
    deferred = AgendaItemFactory.create(
        meeting=held,
        status=AgendaItem.Status.ACCEPTED,
        title="Reporté en séance",
        outcome=AgendaItem.Outcome.DEFERRED,
    )
    carried = agenda_carry_over(meeting=held)
    assert {item.title for item in carried} == {"Pas traité", "Reporté en séance"}
    assert {item.carried_from for item in carried} == {untreated, deferred}
    assert all(item.meeting == later for item in carried)
    assert agenda_carry_over(meeting=held) == []  # not twice
    untreated.refresh_from_db()
    assert untreated.meeting == held  # the original stays where it was


def test_carry_over_without_a_next_meeting_does_nothing(world):
    held = MeetingFactory.create(body=world.body, status=Meeting.Status.HELD)
    AgendaItemFactory.create(meeting=held, status=AgendaItem.Status.ACCEPTED)
    assert agenda_carry_over(meeting=held) == []


# --- Query count ---------------------------------------------------------------------


def _fill(meeting, world, n):
    earlier = MeetingFactory.create(
        body=world.body,
        status=Meeting.Status.HELD,
        starts_at=meeting.starts_at - timedelta(days=30),
        ends_at=meeting.ends_at - timedelta(days=30),
    )
    for i in range(n):
        proposer = PersonFactory.create()
        MembershipFactory.create(
            body=world.body,
            person=proposer,
            position=PositionFactory.create(person=proposer, organisation=world.commune),
        )
        origin = AgendaItemFactory.create(meeting=earlier, proposed_by=proposer)
        item = AgendaItemFactory.create(
            meeting=meeting, proposed_by=proposer, presenter=world.member, carried_from=origin
        )
        _document(item, meeting.starts_at - timedelta(days=1), f"Doc {i}")
    merged = AgendaItemFactory.create(
        meeting=meeting, proposed_by=world.member, status=AgendaItem.Status.MERGED
    )
    merged.merged_into = item
    merged.save()


@pytest.mark.parametrize("n", [2, 9])
def test_agenda_page_query_count_does_not_grow_with_items(
    meeting, facilitator, world, django_assert_num_queries, n
):
    _fill(meeting, world, n)
    client = client_for(world.member)
    # 1 session, 2 user, 3 the user's visible bodies (ids, once per request), 4 meeting
    # (scoped to those bodies), 5 the member's roles in the body (access: one query for
    # every check), 6 the body's current charter, 7 items with presenter and proposer,
    # 8 their documents, 9 the body's seats (proposers' organisations), 10 carried-from
    # items (one generation), 11 presenter choices, 12 the agenda's version (the key of
    # its rendered rows in the cache: meetings/agenda_cache.py).
    with django_assert_num_queries(12):
        response = client.get(agenda_url(meeting))
    assert response.status_code == 200
    assert response.content.decode().count('<li><h3 id="point-') == n
    # Rendered once per version: then neither items, documents, seats nor history.
    with django_assert_num_queries(8):
        again = client.get(agenda_url(meeting)).content.decode()
    assert again.count('<li><h3 id="point-') == n


@pytest.mark.parametrize("n", [2, 9])
def test_agenda_page_query_count_for_the_facilitator(
    meeting, facilitator, world, django_assert_num_queries, n
):
    _fill(meeting, world, n)
    client = client_for(facilitator)
    # As above, minus the permission queries (being the meeting's facilitator is enough)
    # but the roles, read once for the breadcrumb (may they open the territory's page?),
    # plus the next meeting (to say where "reporter" sends an item), the agenda's version,
    # and parity's hint (parity_agenda: the year's proposers grouped, the seats, the member
    # organisations): 16; 12 once its rows are in the cache (the hint is not cached).
    with django_assert_num_queries(16):
        response = client.get(agenda_url(meeting))
    assert response.status_code == 200
    with django_assert_num_queries(12):
        client.get(agenda_url(meeting))


def test_members_not_guests_may_file_a_proposal_on_a_decision_item(
    member_client, guest_client, meeting, world
):
    item = AgendaItemFactory.create(
        meeting=meeting,
        kind=AgendaItem.Kind.DECISION,
        status=AgendaItem.Status.ACCEPTED,
        proposed_by=world.member,
    )
    link = f"{reverse('decisions:proposal_create', args=[meeting.body.pk])}?item={item.pk}"
    assert link in member_client.get(agenda_url(meeting)).content.decode()
    assert link not in guest_client.get(agenda_url(meeting)).content.decode()


# --- Roles made coherent (issue 8): whoever runs the body's meetings runs each one ------


def test_the_bodys_elected_facilitator_reorders_and_convenes_a_meeting_they_do_not_lead(
    world, meeting, three_items
):
    elected = PersonFactory.create()
    MembershipFactory.create(body=world.body, person=elected, role="facilitator")
    client = client_for(elected)
    a, b, c = three_items
    url = reverse("meetings:item_reorder", args=[meeting.pk])
    response = client.post(url, {"ids": [c.pk, a.pk, b.pk]}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert client.get(reverse("meetings:convene", args=[meeting.pk])).status_code == 200


def test_a_refused_member_is_told_who_runs_the_meeting(member_client, meeting):
    response = member_client.post(reverse("meetings:item_reorder", args=[meeting.pk]))
    assert response.status_code == 403
    content = response.content.decode()
    assert "réservée aux administrateurs" not in content
    assert "animateur·rice de la réunion" in content
