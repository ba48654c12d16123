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
    the transaction commits (a live round is followed on the live page)."""
    if _quiet.get() or locked.mode != Proposal.Mode.ASYNC or locked.phase not in TURN_PHASES:
        return

    proposal_id, actor_id = locked.pk, actor.pk
    transaction.on_commit(lambda: proposal_round_opened.enqueue(proposal_id, actor_id))
