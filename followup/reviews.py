"""Review dates: a decision whose review date has arrived is put on the agenda of its
body's next meeting that is not yet convened (planned or with its agenda open, in the
future), as an accepted "décision" item. One DecisionReview per decision makes the
daily run idempotent; without such a meeting nothing happens and the next day's run
tries again."""

from __future__ import annotations

import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import BodyMembership
from core.french import french_date
from decisions.models import Decision
from followup.models import DecisionReview
from meetings.agenda_services import item_accept, item_propose
from meetings.models import AgendaItem, Meeting

REVIEW_MINUTES = 20

logger = logging.getLogger(__name__)


def decisions_to_review(today: date) -> QuerySet[Decision]:
    """Decisions whose review date has come, not yet put on an agenda, still in force
    (one that a later decision replaced is not reviewed) in a body not dissolved."""
    return (
        Decision.objects.filter(
            review_on__lte=today, review__isnull=True, body__archived_on__isnull=True
        )
        .exclude(superseded_by__isnull=False)
        .select_related("body", "recorded_by")
        .order_by("review_on", "pk")
    )


def next_open_meeting(decision: Decision) -> Meeting | None:
    return (
        Meeting.objects.filter(
            body_id=decision.body_id,
            status__in=(Meeting.Status.PLANNED, Meeting.Status.AGENDA_OPEN),
            starts_at__gt=timezone.now(),
        )
        .order_by("starts_at", "pk")
        .first()
    )


def _proposer(decision: Decision) -> Person | None:
    if decision.recorded_by is not None:
        return decision.recorded_by
    seat = (
        BodyMembership.objects.current()
        .filter(body_id=decision.body_id, role=BodyMembership.Role.FACILITATOR)
        .select_related("person")
        .order_by("start_date", "pk")
        .first()
    )
    return seat.person if seat is not None else None


def _decision_link(decision: Decision) -> str:
    return settings.SITE_URL + decision.get_absolute_url()


def review_title(decision: Decision) -> str:
    title = _("Revue de la décision %(reference)s : %(title)s") % {
        "reference": decision.reference,
        "title": decision.title,
    }
    return title if len(title) <= 200 else title[:199] + "…"


def review_description(decision: Decision) -> str:
    assert decision.review_on is not None
    return _(
        "La décision %(reference)s du %(decided)s arrive à sa date de revue (%(review)s) : "
        "est-elle toujours adaptée, faut-il la modifier ou la remplacer ?\n\n"
        "[Voir la décision et son suivi](%(url)s)"
    ) % {
        "reference": decision.reference,
        "decided": french_date(decision.decided_on, "j F Y"),
        "review": french_date(decision.review_on, "j F Y"),
        "url": _decision_link(decision),
    }


def decision_review_schedule(*, decision: Decision, meeting: Meeting) -> AgendaItem | None:
    """Put one decision's review on the meeting's agenda, unless it already is or the
    agenda refuses it (None: nothing is kept, the next daily run tries again)."""
    try:
        with transaction.atomic():
            review = DecisionReview.objects.create(decision=decision)
            item = item_propose(
                meeting=meeting,
                proposed_by=_proposer(decision),  # type: ignore[arg-type]
                title=review_title(decision),
                kind=AgendaItem.Kind.DECISION,
                presenter=None,
                duration_minutes=REVIEW_MINUTES,
                description=review_description(decision),
            )
            item_accept(item=item)
            review.item = item
            review.save(update_fields=["item"])
    except IntegrityError:  # another run got there first
        return None
    except ValidationError as error:
        # The agenda services refused (the meeting was convened in the meantime...): one
        # decision must not stop the others' reviews.
        logger.warning(
            "Revue de la décision %s non inscrite à la réunion %s : %s",
            decision.reference,
            meeting.pk,
            "; ".join(error.messages),
        )
        return None
    return item


def reviews_schedule(*, today: date | None = None) -> list[AgendaItem]:
    """The daily run. Returns the items added."""
    today = today or timezone.localdate()
    added = []
    for decision in decisions_to_review(today):
        meeting = next_open_meeting(decision)
        if meeting is None:
            continue
        item = decision_review_schedule(decision=decision, meeting=meeting)
        if item is not None:
            added.append(item)
    return added
