"""Writes shared by the texts a body adopts (charter, reference framework): the draft a
writer works on, and the one adoption path.

A body has at most one draft of each text; a new draft copies the latest version. A
draft is edited until it is submitted for adoption (`text_submit`): it is then frozen
until it is adopted (`text_adopt`) or the submission is withdrawn (`text_release`).
The consent process that leads there belongs to decisions, which calls these three
services when a proposal carrying the text is filed, adopted, withdrawn or rejected.
An adopted version never changes."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import Body
from governance.models import AdoptableText
from governance.versions import latest_version, previous_adopted

T = TypeVar("T", bound=AdoptableText)


def check_editable(text: AdoptableText) -> None:
    """Refuse any change to an adopted version, or to a draft submitted for adoption."""
    if text.is_adopted:
        raise ValidationError(
            _("Cette version est adoptée : elle ne change plus. Rédigez une nouvelle version.")
        )
    if text.submitted_at is not None:
        raise ValidationError(
            _(
                "Ce projet est soumis au consentement : il ne change plus tant que la "
                "proposition est en cours. Retirez-la pour le modifier."
            )
        )


def lock_editable(text: T) -> T:
    """The text's row, locked (one writer at a time), once checked editable."""
    locked = type(text)._default_manager.select_for_update().get(pk=text.pk)
    check_editable(locked)
    return locked


@transaction.atomic
def draft_start(kind: type[T], *, body: Body, created_by: Person | None) -> T:
    """The body's draft of the text: the existing one (even if frozen), or a new version
    that copies the latest (its content fields and what it holds, see
    AdoptableText.copy_related_to)."""
    Body.objects.select_for_update().filter(pk=body.pk).first()  # one new version at a time
    latest = latest_version(kind, body)
    if latest is not None and not latest.is_adopted:
        return latest
    draft = kind(body=body, version=(latest.version + 1) if latest else 1, created_by=created_by)
    if latest is not None:
        for name in kind.CONTENT_FIELDS:
            setattr(draft, name, getattr(latest, name))
    draft.save()
    if latest is not None:
        latest.copy_related_to(draft)
    return draft


@transaction.atomic
def text_submit(*, text: T) -> T:
    """The draft is submitted for adoption: frozen from now on. Refused for an adopted
    version, a draft already submitted, or one that is not complete
    (AdoptableText.check_complete)."""
    locked = type(text)._default_manager.select_for_update().get(pk=text.pk)
    if locked.is_adopted:
        raise ValidationError(_("Cette version est déjà adoptée : elle ne change plus."))
    check_editable(locked)
    locked.check_complete()
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["submitted_at"])
    text.submitted_at = locked.submitted_at
    return locked


@transaction.atomic
def text_release(*, text: T) -> T:
    """The submission is withdrawn (or refused): the draft is editable again."""
    locked = type(text)._default_manager.select_for_update().get(pk=text.pk)
    if not locked.is_adopted and locked.submitted_at is not None:
        locked.submitted_at = None
        locked.save(update_fields=["submitted_at"])
    text.submitted_at = locked.submitted_at
    return locked


@transaction.atomic
def text_adopt(*, text: T, adopted_on: date, adopted_by: Person | None, note: str) -> T:
    """The one adoption path: the version is adopted on `adopted_on`, recorded by
    `adopted_by`, with how it was adopted (`note`), and never changes again. Refused
    for a version already adopted, when a newer version exists, or before the date the
    previous version was adopted: nothing is written then."""
    kind = type(text)
    locked = kind._default_manager.select_for_update().get(pk=text.pk)
    if locked.is_adopted:
        raise ValidationError(_("Cette version est déjà adoptée : elle ne change plus."))
    if kind._default_manager.filter(body_id=locked.body_id, version__gt=locked.version).exists():
        raise ValidationError(_("Une version plus récente existe."))
    previous = previous_adopted(locked)
    if previous is not None and previous.adopted_on and adopted_on < previous.adopted_on:
        raise ValidationError(_("La version précédente a été adoptée après cette date."))
    locked.adopted_on = adopted_on
    locked.adopted_by = adopted_by
    locked.adoption_note = note.strip()
    locked.save(update_fields=["adopted_on", "adopted_by", "adoption_note"])
    for name in ("adopted_on", "adopted_by", "adoption_note"):
        setattr(text, name, getattr(locked, name))
    return locked
