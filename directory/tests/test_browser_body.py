"""A body's page in a browser: one row per person with their roles, the next meeting,
accessible (axe) on a screen and without sideways scrolling on a phone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.browser import assert_accessible, log_in
from accounts.tests.factories import PersonFactory
from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import World
from meetings.models import Meeting
from meetings.tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_body_page_lists_each_person_once_with_the_next_meeting(
    world: World, new_page: Any
) -> None:
    facilitator = PersonFactory.create(first_name="Yanna", last_name="Anime", agreement="f")
    MembershipFactory.create(body=world.body, person=facilitator)
    MembershipFactory.create(
        body=world.body, person=facilitator, role=BodyMembership.Role.FACILITATOR
    )
    starts = timezone.now() + timedelta(days=4)
    MeetingFactory.create(
        body=world.body,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        status=Meeting.Status.CONVENED,
    )
    for width in (1280, 390):
        page = new_page(width=width, height=900)
        log_in(page, world.admin.email)
        page.goto(reverse("bodies:detail", args=[world.body.pk]))
        assert page.get_by_role("heading", name="Prochaine réunion").is_visible()
        members = page.locator("table.members-table").first
        assert members.get_by_role("link", name="Yanna Anime", exact=True).count() == 1
        assert members.get_by_text("animatrice", exact=True).is_visible()
        assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert_accessible(page)


def test_agenda_warns_before_convening_proposed_items(world: World, new_page: Any) -> None:
    meeting = MeetingFactory.create(body=world.body, status=Meeting.Status.AGENDA_OPEN)
    AgendaItemFactory.create(meeting=meeting, proposed_by=world.member, title="Voirie")
    page = new_page()
    log_in(page, world.admin.email)
    page.goto(reverse("meetings:agenda", args=[meeting.pk]))
    convene = page.get_by_role("link", name="Convoquer…")
    assert "button-secondary" in (convene.get_attribute("class") or "")
    assert page.get_by_text("1 point n’est encore que proposé").is_visible()
    assert_accessible(page)
    convene.click()
    assert page.get_by_text("la convocation l’inscrira tel quel").is_visible()
    assert_accessible(page)
