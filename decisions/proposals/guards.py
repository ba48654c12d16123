"""What every write on a proposal does: lock its row, check it is open (and, for a
subject's proposal, that its text is not amended), keep the caller's copy in step,
record a new text version, and tell the live page of its meeting that something moved."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from core import validators
from decisions.consent.rules import (
    DEFAULT_ASYNC_DAYS,
    TURN_PHASES,
    governs_itself,
    item_meeting_id,
)
from decisions.models import (
    Amendment,
    Proposal,
    ProposalVersion,
)
from meetings.live import live_touch


def lock_proposal(proposal: Proposal) -> Proposal:
    locked = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("body", "object", "item")
        .get(pk=proposal.pk)
    )
    return locked


def sync_proposal(proposal: Proposal, locked: Proposal) -> None:
    for name in (
        "phase",
        "round_number",
        "deadline",
        "text",
        "opinion_text",
        "review_on",
        "opened_at",
        "closed_at",
    ):
        setattr(proposal, name, getattr(locked, name))


def require_open(proposal: Proposal) -> None:
    if not proposal.is_open:
        raise ValidationError(_("La proposition n’est pas en cours."))


def require_amendable(proposal: Proposal) -> None:
    """What such a proposal adopts is the version or the nominee, not its text: a text
    that drifted from it would be adopted in its name."""
    if governs_itself(proposal):
        raise ValidationError(
            _(
                "Cette proposition adopte une version de la charte ou du cadre de référence, "
                "ou une personne élue : son texte ne s’amende pas. Retirez-la et soumettez-en "
                "une nouvelle."
            )
        )


def touch_live(proposal: Proposal) -> None:
    """A proposal treated in a meeting: the live pages of its meeting follow."""
    meeting_id = item_meeting_id(proposal)
    if meeting_id is not None:
        live_touch(meeting_id)


# Set by `quiet()`: the demo records a year of past proposals and must not mail anyone.


def latest_version_number(proposal: Proposal) -> int:
    last = (
        ProposalVersion.objects.filter(proposal=proposal)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return last or 0


def new_version(
    proposal: Proposal,
    text: str,
    author: Person,
    reason: str,
    amendment: Amendment | None = None,
) -> ProposalVersion:
    version = ProposalVersion.objects.create(
        proposal=proposal,
        number=latest_version_number(proposal) + 1,
        text=text,
        author=author,
        reason=reason,
        amendment=amendment,
    )
    proposal.text = text
    proposal.save(update_fields=["text"])
    return version


def clean_text(text: str) -> str:
    """Typed text, refused if it holds NUL or another control character (core.validators)."""
    return validators.clean_text(text).replace("\r\n", "\n").strip()


def deadline_for(proposal: Proposal, phase: str, deadline: datetime | None) -> datetime | None:
    """Asynchronous rounds have a deadline (a week if none is given); a deadline is in
    the future."""
    now = timezone.now()
    if deadline is not None and deadline <= now:
        raise ValidationError({"deadline": _("L’échéance doit être dans le futur.")})
    if deadline is None and proposal.mode == Proposal.Mode.ASYNC and phase in TURN_PHASES:
        return now + timedelta(days=DEFAULT_ASYNC_DAYS)
    return deadline
