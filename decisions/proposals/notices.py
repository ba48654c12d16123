"""The e-mail that opens an asynchronous round, and the switch that silences it: the
demo records a year of past proposals and must not mail anyone (`quiet()`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

from accounts.models import Person
from decisions.consent.rules import TURN_PHASES
from decisions.models import Proposal
from decisions.tasks import proposal_round_opened

_quiet: ContextVar[bool] = ContextVar("decisions_consent_quiet", default=False)


@contextmanager
def quiet() -> Iterator[None]:
    """No round notice while inside (the demo's past records)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def announce_round(locked: Proposal, actor: Person) -> None:
    """An asynchronous round that opens is announced by e-mail to the participants, once
    the transaction commits (a live round is followed on the live page).

    The notice carries the phase, round and deadline it was queued for: the worker may
    run it after the proposal has moved on (two quick advances), and must neither title
    it with the later phase nor drop it."""
    if _quiet.get() or locked.mode != Proposal.Mode.ASYNC or locked.phase not in TURN_PHASES:
        return
    proposal_id, actor_id = locked.pk, actor.pk
    phase, round_number = str(locked.phase), locked.round_number
    deadline = locked.deadline.isoformat() if locked.deadline else None
    transaction.on_commit(
        lambda: proposal_round_opened.enqueue(
            proposal_id, actor_id, phase=phase, round_number=round_number, deadline=deadline
        )
    )
