"""Writes of the register (relevé de décisions): recording an entry under the next number
of its body and year. The number is taken under a lock of the body's row, so that two
adoptions at the same moment (two processes on PostgreSQL) never get the same number; the
unique constraint (body, year, sequence) is the last guard."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import Body
from core.text import fold
from decisions.models import Decision
from governance.models import FrameworkObject


def search_text_of(decision: Decision) -> str:
    parts = [decision.reference, decision.title, decision.text]
    if decision.object_id is not None:
        parts.append(FrameworkObject.objects.get(pk=decision.object_id).title)
    return fold("\n".join(parts))


def lock_register(body: Body) -> None:
    """Lock the body's row until the transaction commits: one write of its register at a
    time (numbering, and the check that a decision is not already superseded)."""
    Body.objects.select_for_update().filter(pk=body.pk).first()


def next_sequence(body: Body, year: int) -> int:
    """The next number of the body's register for the year. Call inside a transaction,
    after lock_register(body)."""
    last = Decision.objects.filter(body=body, year=year).aggregate(last=Max("sequence"))["last"]
    return (last or 0) + 1


def _check_links(body: Body, links: dict[str, object]) -> None:
    """A new entry amends or supersedes an older entry of the same body, never both, and
    never one that is already superseded (the register would then have two successors)."""
    amends = links.get("amends")
    supersedes = links.get("supersedes")
    if amends is not None and supersedes is not None:
        raise ValidationError(
            _("Une décision modifie ou remplace une décision antérieure, pas les deux.")
        )
    older = amends or supersedes
    if older is None:
        return
    assert isinstance(older, Decision)
    if older.body_id != body.pk:
        raise ValidationError(
            _("Une décision ne modifie ou ne remplace qu'une décision de la même instance.")
        )
    if Decision.objects.filter(supersedes=older).exists():
        raise ValidationError(
            _("La décision %(reference)s est déjà remplacée : elle ne change plus.")
            % {"reference": older.reference}
        )


@transaction.atomic
def decision_record(
    *,
    body: Body,
    kind: str,
    process: str,
    title: str,
    text: str,
    decided_on: date | None = None,
    recorded_by: Person | None = None,
    participants: Iterable[Person] = (),
    **links: object,
) -> Decision:
    """Write a new entry of the register under the next number. `links` are the other
    fields of Decision (proposal, meeting, item, object, review_on, amends, supersedes,
    authority_note). Raises ValidationError (in French) when the entry would amend or
    supersede a decision of another body, or one already superseded."""
    # The lock comes before the checks: two adoptions superseding the same decision at
    # once would otherwise both see it not yet superseded.
    lock_register(body)
    _check_links(body, links)
    decided_on = decided_on or timezone.localdate()
    decision = Decision(
        body=body,
        year=decided_on.year,
        sequence=next_sequence(body, decided_on.year),
        kind=kind,
        process=process,
        title=title,
        text=text,
        decided_on=decided_on,
        recorded_by=recorded_by,
        **links,
    )
    decision.search_text = search_text_of(decision)
    decision.save()
    # Written once, straight into the through table: bulk_create sends no m2m_changed,
    # so the guard in decisions/models.py keeps refusing every later change made through
    # decision.participants (no flag to set and forget to reset).
    through = Decision.participants.through
    through.objects.bulk_create(
        [through(decision=decision, person=person) for person in dict.fromkeys(participants)]
    )
    return decision
