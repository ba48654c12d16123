"""The demo: the older held meeting's minutes approved at the newer one, the newer in
review with a member's amendment; loading twice changes nothing."""

from __future__ import annotations

import pytest

from meetings.models import Meeting
from minutes.demo import demo_minutes
from minutes.models import Minutes, MinutesAmendment
from minutes.tests.conftest import make_meeting

pytestmark = pytest.mark.django_db


def test_demo_minutes_is_idempotent(world, held):
    older = make_meeting(world, days_ago=31, status=Meeting.Status.HELD, secretary=held.secretary)
    demo_minutes(world.territory)
    demo_minutes(world.territory)
    first = Minutes.objects.get(meeting=older)
    assert (first.status, first.approved_in) == (Minutes.Status.APPROVED, held.meeting)
    second = Minutes.objects.get(meeting=held.meeting)
    assert second.status == Minutes.Status.IN_REVIEW
    assert second.approval_item is not None
    assert second.approval_item.meeting == held.next_meeting
    # The approval of the older minutes is an item of the newer meeting, so its draft
    # records it.
    assert "Approbation du compte-rendu du" in second.text
    amendment = MinutesAmendment.objects.get()
    assert (amendment.minutes, amendment.author) == (second, world.member)
    assert Minutes.objects.count() == 2


def test_demo_without_a_codir_does_nothing(world):
    world.body.kind = "groupe_travail"
    world.body.save()
    demo_minutes(world.territory)
    assert not Minutes.objects.exists()
