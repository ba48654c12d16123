"""The agenda page in a browser: the items' buttons submit the page's one form, each is
named after its item, dragging an item saves the order, and axe finds nothing serious."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from accounts.tests.browser import assert_accessible, log_in
from accounts.tests.factories import PersonFactory
from bodies.tests.factories import MembershipFactory
from conftest import World
from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# Drag the item titled args[0] above the one titled args[1].
DRAG = """([moved, above]) => {
  const item = (title) => Array.from(document.querySelectorAll("ol.agenda-list > li"))
    .find((li) => li.querySelector("h3").textContent === title);
  const source = item(moved), target = item(above);
  const data = new DataTransfer();
  const box = target.getBoundingClientRect();
  const send = (element, type, y) => element.dispatchEvent(new DragEvent(type, {
    bubbles: true, cancelable: true, dataTransfer: data, clientX: box.left + 20, clientY: y
  }));
  send(source, "dragstart", 0);
  send(target, "dragover", box.top + 2);
  send(target, "drop", box.top + 2);
  send(source, "dragend", box.top + 2);
}"""


def titles(meeting: Meeting) -> list[str]:
    return list(meeting.items.order_by("position").values_list("title", flat=True))


def test_facilitator_orders_the_agenda_with_buttons_and_by_dragging(
    world: World, new_page: Any
) -> None:
    facilitator = PersonFactory.create(email="anime@example.fr")
    MembershipFactory.create(body=world.body, person=facilitator)
    meeting = MeetingFactory.create(
        body=world.body, facilitator=facilitator, status=Meeting.Status.AGENDA_OPEN
    )
    for position, title in enumerate(["Budget", "Voirie", "Écoles"]):
        AgendaItemFactory.create(
            meeting=meeting, title=title, position=position, proposed_by=world.member
        )
    page = new_page()
    log_in(page, facilitator.email)
    page.goto(reverse("meetings:agenda", args=[meeting.pk]))
    assert_accessible(page)

    # Each button's name says which item it moves; it posts the page's one form.
    assert page.get_by_role("button", name="monter Budget").is_disabled()
    page.get_by_role("button", name="monter Écoles").click()
    page.wait_for_load_state("networkidle")
    assert titles(meeting) == ["Budget", "Écoles", "Voirie"]
    # Back on the agenda at the item moved, its title focused.
    assert page.evaluate("document.activeElement.textContent") == "Écoles"

    # Dragging saves the whole order and replaces the list. (Chromium under Playwright
    # sends no dragover for a mouse drag: the drag events are dispatched as a browser
    # would send them.)
    page.evaluate(DRAG, ["Voirie", "Budget"])
    page.wait_for_function("() => document.getElementById('agenda-status').textContent.length > 0")
    assert titles(meeting) == ["Voirie", "Budget", "Écoles"]
    assert page.get_by_role("button", name="descendre Voirie").is_enabled()
    assert page.get_by_role("button", name="monter Voirie").is_disabled()
