"""The agenda page's rows come from the cache per agenda version (meetings/agenda_cache.py):
whatever the rows show, once changed, is on the page at the next view, never a stale row;
facilitator and member rows never mix; a view from the cache reads a constant number of
queries, fewer than a render."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import PersonFactory
from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import client_for
from documents.services import document_upload
from documents.tests.factories import upload
from meetings.models import AgendaItem, Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator(world):
    person = PersonFactory.create(first_name="Fanny", last_name="Anime")
    MembershipFactory.create(body=world.body, person=person)
    return person


@pytest.fixture
def meeting(world, facilitator):
    return MeetingFactory.create(
        body=world.body, facilitator=facilitator, status=Meeting.Status.AGENDA_OPEN
    )


@pytest.fixture
def items(meeting, world):
    return [
        AgendaItemFactory.create(
            meeting=meeting,
            proposed_by=world.admin,
            title=title,
            position=i,
            kind=AgendaItem.Kind.DECISION,
            status=AgendaItem.Status.ACCEPTED,
        )
        for i, title in enumerate(["Alpha", "Bravo", "Charlie"])
    ]


def page(client: Client, meeting: Meeting) -> str:
    response = client.get(reverse("meetings:agenda", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def order(html: str) -> list[str]:
    return sorted(("Alpha", "Bravo", "Charlie"), key=html.index)


def test_an_item_saved_is_on_the_page_at_once(meeting, items, member_client):
    assert "Alpha" in page(member_client, meeting)
    items[0].title = "Alpha renommé"
    items[0].save()
    assert "Alpha renommé" in page(member_client, meeting)


def test_a_move_through_the_page_shows_the_new_order(meeting, items, facilitator):
    client = client_for(facilitator)
    assert order(page(client, meeting)) == ["Alpha", "Bravo", "Charlie"]
    response = client.post(
        reverse("meetings:item_action", args=[meeting.pk]), {"down": items[0].pk}
    )
    assert response.status_code == 302
    assert order(page(client, meeting)) == ["Bravo", "Alpha", "Charlie"]


def test_bulk_writes_of_items_are_on_the_page_at_once(meeting, items, member_client, world):
    page(member_client, meeting)
    items[0].position, items[2].position = 2, 0
    AgendaItem.objects.bulk_update([items[0], items[2]], ["position"])
    assert order(page(member_client, meeting)) == ["Charlie", "Bravo", "Alpha"]
    AgendaItem.objects.filter(pk=items[1].pk).update(title="Bravo en bloc")
    assert "Bravo en bloc" in page(member_client, meeting)
    AgendaItem.objects.bulk_create(
        [AgendaItem(meeting=meeting, title="Delta", proposed_by=world.admin, position=3)]
    )
    assert "Delta" in page(member_client, meeting)


def test_the_live_fields_keep_the_version(meeting, items):
    version = Meeting.objects.get(pk=meeting.pk).agenda_version
    AgendaItem.objects.filter(pk=items[0].pk).update(time_spent_seconds=60)
    items[1].notes = "Notes"
    items[1].save(update_fields=["notes"])
    assert Meeting.objects.get(pk=meeting.pk).agenda_version == version


def test_a_document_attached_is_on_the_page_at_once(meeting, items, member_client, world):
    page(member_client, meeting)
    document_upload(
        uploaded_by=world.member,
        upload=upload(),
        title="Note du point Alpha",
        body=world.body,
        meeting_id=meeting.pk,
        item_id=items[0].pk,
    )
    assert "Note du point Alpha" in page(member_client, meeting)


def test_a_presenter_renamed_is_on_the_page_at_once(meeting, items, member_client, world):
    items[0].presenter = world.member
    items[0].save()
    page(member_client, meeting)
    world.member.last_name = "Nouveaunom"
    world.member.save()
    assert "Nouveaunom" in page(member_client, meeting)


def test_a_seat_changed_is_on_the_page_at_once(meeting, items, member_client, world):
    items[0].presenter = world.member
    items[0].save()
    page(member_client, meeting)
    BodyMembership.objects.filter(pk=world.member_seat.pk).update(capacity="Au titre du test")
    world.member_seat.refresh_from_db()
    world.member_seat.position = None
    world.member_seat.save()
    assert "Au titre du test" in page(member_client, meeting)


def test_the_meeting_held_hides_what_an_open_agenda_offers(meeting, items, member_client):
    link = 'class="agenda-proposal"'
    assert link in page(member_client, meeting)
    meeting.status = Meeting.Status.HELD
    meeting.save()
    assert link not in page(member_client, meeting)


def test_a_stale_instance_saved_again_never_brings_back_old_rows(meeting, items, member_client):
    stale = Meeting.objects.get(pk=meeting.pk)
    page(member_client, meeting)
    items[0].title = "Alpha modifié"
    items[0].save()
    stale.save()  # writes the old version back, then takes a new one
    assert "Alpha modifié" in page(member_client, meeting)


def test_facilitator_and_member_rows_never_mix(meeting, items, facilitator, member_client):
    assert 'name="down"' in page(client_for(facilitator), meeting)
    assert 'name="down"' not in page(member_client, meeting)
    assert 'name="down"' in page(client_for(facilitator), meeting)


def test_a_proposers_own_edit_link_is_theirs(meeting, world, member_client, admin_client_):
    mine = AgendaItemFactory.create(meeting=meeting, proposed_by=world.member, title="Mon point")
    edit = reverse("meetings:item_edit", args=[mine.pk])
    assert edit in page(member_client, meeting)
    other = PersonFactory.create()
    MembershipFactory.create(body=world.body, person=other)
    assert edit not in page(client_for(other), meeting)


def test_the_language_is_part_of_the_key(meeting, items, member_client):
    assert "Proposé par" in page(member_client, meeting)
    member_client.cookies["django_language"] = "en"
    english = member_client.get(
        reverse("meetings:agenda", args=[meeting.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert ("Proposé par" in english) == ("Proposed by" not in english)


def test_a_view_from_the_cache_reads_fewer_queries_constant_in_items(
    meeting, items, member_client, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Counted at once: the next request empties the connection's log.
    with CaptureQueriesContext(connection) as context:
        page(member_client, meeting)
    rendered = len(context)
    with CaptureQueriesContext(connection) as context:
        page(member_client, meeting)
    cached = len(context)
    assert cached < rendered
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, title=f"Point {n}", proposed_by=world.admin, position=9 + n)
        for n in range(30)
    )
    page(member_client, meeting)
    with django_assert_max_num_queries(cached):
        page(member_client, meeting)
