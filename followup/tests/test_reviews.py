from __future__ import annotations

import logging
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import World
from decisions.tests.factories import DecisionFactory
from followup.models import DecisionReview
from followup.reviews import reviews_schedule
from followup.tasks import schedule_decision_reviews
from meetings.models import AgendaItem, Meeting
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _meeting(world: World, days: int, status: str = Meeting.Status.PLANNED) -> Meeting:
    starts = timezone.now() + timedelta(days=days)
    return MeetingFactory.create(
        body=world.body, starts_at=starts, ends_at=starts + timedelta(hours=2), status=status
    )


def _due_decision(world: World, **kwargs: object):  # type: ignore[no-untyped-def]
    return DecisionFactory.create(
        body=world.body,
        title="Achats groupés",
        review_on=timezone.localdate(),
        recorded_by=world.admin,
        **kwargs,
    )


def test_review_goes_on_the_next_open_meeting(world: World) -> None:
    _meeting(world, 3, Meeting.Status.CONVENED)  # convened: its agenda is frozen
    later = _meeting(world, 20)
    _meeting(world, 40)
    decision = _due_decision(world)
    (item,) = reviews_schedule()
    assert item.meeting == later
    assert item.title == f"Revue de la décision {decision.reference} : Achats groupés"
    assert item.kind == AgendaItem.Kind.DECISION
    assert item.status == AgendaItem.Status.ACCEPTED
    assert item.proposed_by == world.admin
    assert "[Voir la décision et son suivi](http" in item.description
    assert f"/{decision.pk}/" in item.description
    assert DecisionReview.objects.get(decision=decision).item == item


def test_scheduling_is_idempotent(world: World) -> None:
    meeting = _meeting(world, 10)
    _due_decision(world)
    assert len(reviews_schedule()) == 1
    assert reviews_schedule() == []
    call_command("schedule_decision_reviews", stdout=StringIO())
    assert meeting.items.count() == 1


def test_without_a_meeting_it_waits_and_retries(world: World) -> None:
    _meeting(world, -3, Meeting.Status.PLANNED)  # in the past
    _meeting(world, 5, Meeting.Status.CANCELLED)
    decision = _due_decision(world)
    assert reviews_schedule() == []
    assert not DecisionReview.objects.exists()
    meeting = _meeting(world, 12)
    assert [item.meeting for item in reviews_schedule()] == [meeting]
    assert DecisionReview.objects.get().decision == decision


def test_future_reviews_and_superseded_decisions_wait(world: World) -> None:
    _meeting(world, 10)
    DecisionFactory.create(body=world.body, review_on=timezone.localdate() + timedelta(days=1))
    old = _due_decision(world)
    DecisionFactory.create(body=world.body, supersedes=old)
    assert reviews_schedule() == []


def test_proposer_falls_back_to_the_facilitator(world: World) -> None:
    facilitator = PersonFactory.create()
    MembershipFactory.create(
        body=world.body, person=facilitator, role=BodyMembership.Role.FACILITATOR
    )
    _meeting(world, 10)
    DecisionFactory.create(body=world.body, review_on=timezone.localdate())
    (item,) = reviews_schedule()
    assert item.proposed_by == facilitator


def test_reviews_stay_in_their_body(world: World) -> None:
    starts = timezone.now() + timedelta(days=4)
    MeetingFactory.create(
        body=world.other_body, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    _due_decision(world)
    assert reviews_schedule() == []


def test_task_runs_the_daily_scheduling(world: World) -> None:
    _meeting(world, 10)
    _due_decision(world)
    result = schedule_decision_reviews.enqueue()
    assert result.return_value == 1


def test_a_refused_review_is_logged_and_the_others_go_on(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from django.core.exceptions import ValidationError

    from followup import reviews

    meeting = _meeting(world, 10)
    refused = _due_decision(world)
    kept = DecisionFactory.create(
        body=world.body, title="Voirie", review_on=timezone.localdate(), recorded_by=world.admin
    )
    real_propose = reviews.item_propose

    def propose(**kwargs: Any) -> AgendaItem:
        # The agenda services refuse this one (the meeting was convened meanwhile...).
        if refused.reference in kwargs["title"]:
            raise ValidationError("L'ordre du jour de cette réunion ne peut plus être modifié.")
        return real_propose(**kwargs)

    monkeypatch.setattr(reviews, "item_propose", propose)
    with caplog.at_level(logging.WARNING, logger="followup.reviews"):
        added = reviews_schedule()
    assert [item.title for item in added] == [reviews.review_title(kept)]
    assert [item.title for item in meeting.items.all()] == [reviews.review_title(kept)]
    # Nothing is kept of the refused one: the next day's run tries again.
    assert list(DecisionReview.objects.values_list("decision", flat=True)) == [kept.pk]
    assert refused.reference in caplog.text
    assert "ne peut plus être modifié" in caplog.text
