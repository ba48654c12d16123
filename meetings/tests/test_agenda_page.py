"""The agenda page at scale (issue 9): one form for every item's buttons, each control
named after its item through aria-labelledby, and markup that grows by a bounded number of
bytes per item."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import client_for
from meetings.models import AgendaItem, Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

# Bytes of HTML each further item may add to the page (the per-item forms, each with its
# CSRF token and the title repeated in every control, made it 849 for a member and 3,002
# for the facilitator; 471 and 1,135 since). An item of the national data set, read in
# a held meeting, weighs about 290.
READER_BUDGET = 520
MANAGER_BUDGET = 1200


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


def agenda_url(meeting):
    return reverse("meetings:agenda", args=[meeting.pk])


def action_url(meeting):
    return reverse("meetings:item_action", args=[meeting.pk])


def titles(meeting):
    return list(
        meeting.items.filter(status__in=["proposed", "accepted"])
        .order_by("position")
        .values_list("title", flat=True)
    )


@pytest.fixture
def three_items(meeting, world):
    return [
        AgendaItemFactory.create(meeting=meeting, proposed_by=world.member, title=t, position=i)
        for i, t in enumerate(["A", "B", "C"])
    ]


# --- One form for every button -------------------------------------------------------


def test_page_has_one_csrf_token_for_every_items_buttons(meeting, facilitator, three_items):
    page = client_for(facilitator).get(agenda_url(meeting)).content.decode()
    assert page.count('id="agenda-act"') == 1
    # The form of the items, adding the rounds, the proposal form, logout and language.
    assert page.count('name="csrfmiddlewaretoken"') == 5
    assert page.count('<button form="agenda-act"') == 3 * 4  # up, down, accept, defer


def test_facilitator_moves_accepts_and_defers_through_the_one_form(
    meeting, facilitator, three_items, world
):
    client = client_for(facilitator)
    a, b, c = three_items
    response = client.post(action_url(meeting), {"up": c.pk})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#point-{c.pk}")
    assert titles(meeting) == ["A", "C", "B"]
    client.post(action_url(meeting), {"down": a.pk})
    assert titles(meeting) == ["C", "A", "B"]
    client.post(action_url(meeting), {"accept": b.pk})
    b.refresh_from_db()
    assert b.status == AgendaItem.Status.ACCEPTED
    later = MeetingFactory.create(
        body=world.body,
        status=Meeting.Status.PLANNED,
        starts_at=meeting.starts_at + timedelta(days=30),
        ends_at=meeting.ends_at + timedelta(days=30),
    )
    client.post(action_url(meeting), {"defer": a.pk})
    a.refresh_from_db()
    assert a.status == AgendaItem.Status.DEFERRED
    assert later.items.filter(carried_from=a).exists()


def test_an_item_of_another_meeting_is_404(meeting, facilitator, three_items, world):
    elsewhere = AgendaItemFactory.create(
        meeting=MeetingFactory.create(body=world.body, facilitator=facilitator),
        proposed_by=world.member,
    )
    response = client_for(facilitator).post(action_url(meeting), {"up": elsewhere.pk})
    assert response.status_code == 404


def test_an_unreadable_action_changes_nothing(meeting, facilitator, three_items):
    client = client_for(facilitator)
    for data in ({}, {"up": "x"}, {"sideways": three_items[0].pk}):
        response = client.post(action_url(meeting), data)
        assert response.status_code == 302
        assert "illisible" in str(next(iter(get_messages(response.wsgi_request))))
    assert titles(meeting) == ["A", "B", "C"]


def test_the_one_form_is_for_whoever_runs_the_meeting(
    meeting, three_items, member_client, outsider_client
):
    assert member_client.post(action_url(meeting), {"up": three_items[2].pk}).status_code == 403
    assert outsider_client.post(action_url(meeting), {"up": three_items[2].pk}).status_code == 404
    assert member_client.get(action_url(meeting)).status_code == 405
    assert titles(meeting) == ["A", "B", "C"]


# --- Each control says which item it acts on -----------------------------------------


class _Names(HTMLParser):
    """The text of every element with an id, and the aria-labelledby of every control."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {}
        self.controls: list[tuple[str, str]] = []
        self._open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("button", "a") and attributes.get("aria-labelledby"):
            self.controls.append((tag, attributes["aria-labelledby"] or ""))
        if tag not in ("br", "input", "meta", "link"):
            self._open.append(attributes.get("id"))
            if attributes.get("id"):
                self.texts[attributes["id"] or ""] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("br", "input", "meta", "link") and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for element_id in self._open:
            if element_id:
                self.texts[element_id] += data

    def name(self, labelledby: str) -> str:
        return " ".join(self.texts[element_id].strip() for element_id in labelledby.split())


def test_every_control_is_named_after_its_item(meeting, facilitator, three_items):
    AgendaItemFactory.create(
        meeting=meeting,
        proposed_by=facilitator,
        title="Schéma <de> mutualisation",
        kind=AgendaItem.Kind.DECISION,
        position=3,
    )
    page = client_for(facilitator).get(agenda_url(meeting)).content.decode()
    parser = _Names()
    parser.feed(page)
    names = [parser.name(labelledby) for _tag, labelledby in parser.controls]
    # Up, down, accept, defer, merge, edit, attach a document for 4 items, and the
    # proposal on the decision item.
    assert len(names) == 4 * 7 + 1
    assert "monter A" in names
    assert "descendre C" in names
    assert "retenir B" in names
    assert "modifier Schéma <de> mutualisation" in names
    assert "Déposer une proposition Schéma <de> mutualisation" in names
    assert "Joindre un document A" in names
    assert any(name.startswith("reporter") and name.endswith(" A") for name in names)


def test_a_proposer_edits_their_item_named_after_it(meeting, member_client, world):
    AgendaItemFactory.create(meeting=meeting, proposed_by=world.member, title="Mon point")
    AgendaItemFactory.create(meeting=meeting, proposed_by=world.admin, title="Un autre")
    parser = _Names()
    parser.feed(member_client.get(agenda_url(meeting)).content.decode())
    names = [parser.name(labelledby) for _tag, labelledby in parser.controls]
    assert "modifier Mon point" in names
    assert "modifier Un autre" not in names


# --- Size ----------------------------------------------------------------------------


def _fill(meeting, world, n):
    """n items as the national data set has them (bulk, like generate_dataset)."""
    start = meeting.items.count()
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            title=f"Organiser la formation des secrétaires de mairie n° {start + i}",
            kind=AgendaItem.Kind.INFORMATION,
            description="Point préparé par le secrétariat du codir.",
            proposed_by=world.admin,
            presenter=world.member,
            status=AgendaItem.Status.PROPOSED,
            position=start + i,
        )
        for i in range(n)
    )


def _bytes_per_item(client, meeting, world):
    _fill(meeting, world, 100)
    hundred = len(client.get(agenda_url(meeting)).content)
    _fill(meeting, world, 100)
    two_hundred = len(client.get(agenda_url(meeting)).content)
    return (two_hundred - hundred) / 100


def test_each_item_adds_a_bounded_number_of_bytes_for_a_reader(meeting, world, member_client):
    assert _bytes_per_item(member_client, meeting, world) < READER_BUDGET


def test_each_item_adds_a_bounded_number_of_bytes_for_the_facilitator(meeting, world, facilitator):
    assert _bytes_per_item(client_for(facilitator), meeting, world) < MANAGER_BUDGET
