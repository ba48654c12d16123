"""What a proposal adopts besides its text: its subject.

A proposal may carry a subject (Proposal.subject, a generic link): a version of the
body's charter or reference framework (governance), an election (elections). Adopting
the proposal adopts the subject; withdrawing or rejecting it releases the subject. Each
kind of subject registers a `SubjectKind` here: decisions registers governance's texts
in its AppConfig.ready(), elections registers its elections in its own. A new kind (a
mirror's action plan, a competence map, a project) registers its own kind, without
touching Proposal.

A proposal with a subject is about the body's own functioning: without an object of the
framework its outcome is a decision, and its text is not amended (what is adopted is
the subject, not the words that present it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from decisions.models import Decision, Proposal
from governance.changes import charter_changes, framework_changes
from governance.models import AdoptableText, Charter, Framework
from governance.services import text_adopt, text_release, text_submit

if TYPE_CHECKING:
    from collections.abc import Callable

    from django_stubs_ext import StrOrPromise


class SubjectKind(Protocol):
    """How one kind of subject follows the proposal that carries it. Each hook runs in
    the transaction of the proposal's write; a ValidationError refuses that write."""

    @property
    def summarises(self) -> StrOrPromise:
        """What the proposal's page says its text summarises (« la version de la
        charte »), or "" when the text stands for itself."""

    def filed(self, subject: Model, proposal: Proposal) -> None:
        """A proposal carrying the subject is filed: freeze the subject, or refuse."""

    def released(self, subject: Model, proposal: Proposal) -> None:
        """The proposal is withdrawn or rejected: the subject is free again."""

    def adopted(self, subject: Model, proposal: Proposal, decision: Decision) -> None:
        """The proposal is adopted; its register entry is written."""


@runtime_checkable
class SubmittableKind(SubjectKind, Protocol):
    """A subject that writes its own proposal (« Soumettre au consentement »)."""

    def title(self, subject: Model) -> str: ...

    def text(self, subject: Model) -> str: ...


_KINDS: dict[type[Model], SubjectKind] = {}


def register(model: type[Model], kind: SubjectKind) -> None:
    _KINDS[model] = kind


def kind_of(subject: Model) -> SubjectKind:
    try:
        return _KINDS[type(subject)]
    except KeyError as missing:
        raise ImproperlyConfigured(
            f"{type(subject).__name__} is not a kind of proposal subject (subjects.register)."
        ) from missing


def release_subject(locked: Proposal) -> None:
    """A proposal closed without adoption leaves its subject free (a draft editable
    again)."""
    if locked.subject is not None:
        kind_of(locked.subject).released(locked.subject, locked)


def submittable_kind_of(subject: Model) -> SubmittableKind:
    kind = kind_of(subject)
    if not isinstance(kind, SubmittableKind):
        raise ImproperlyConfigured(f"{type(subject).__name__} does not write its own proposal.")
    return kind


# --- Reads ------------------------------------------------------------------------------


def proposals_about(subject: Model) -> QuerySet[Proposal]:
    return Proposal.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    )


def pending_proposal(subject: Model) -> Proposal | None:
    """The proposal that carries the subject and is not closed, if any."""
    return (
        proposals_about(subject)
        .exclude(phase__in=Proposal.CLOSED_PHASES)
        .order_by("-created_at")
        .first()
    )


def adoption_decision(subject: Model) -> Decision | None:
    """The register entry of the proposal that adopted the subject, if any."""
    return Decision.objects.filter(proposal__in=proposals_about(subject)).order_by("pk").first()


# --- Governance's texts ------------------------------------------------------------------


@dataclass(frozen=True)
class TextSubject:
    """A version of a text the body adopts (governance.AdoptableText): submitting it
    freezes the draft, withdrawing the proposal releases it, adopting the proposal
    adopts the version through governance's one adoption path, with the decision's
    reference in the note."""

    title_format: StrOrPromise  # with %(version)d
    summarise: Callable[[AdoptableText], str]
    adoption_note: StrOrPromise  # with %(reference)s
    summarises: StrOrPromise

    def title(self, subject: Model) -> str:
        assert isinstance(subject, AdoptableText)
        return str(self.title_format) % {"version": subject.version}

    def text(self, subject: Model) -> str:
        assert isinstance(subject, AdoptableText)
        return self.summarise(subject)

    def filed(self, subject: Model, proposal: Proposal) -> None:
        assert isinstance(subject, AdoptableText)
        text_submit(text=subject)

    def released(self, subject: Model, proposal: Proposal) -> None:
        assert isinstance(subject, AdoptableText)
        text_release(text=subject)

    def adopted(self, subject: Model, proposal: Proposal, decision: Decision) -> None:
        assert isinstance(subject, AdoptableText)
        text_adopt(
            text=subject,
            adopted_on=decision.decided_on,
            adopted_by=decision.recorded_by,
            note=str(self.adoption_note) % {"reference": decision.reference},
        )


def _charter_changes(text: AdoptableText) -> str:
    assert isinstance(text, Charter)
    return charter_changes(text)


def _framework_changes(text: AdoptableText) -> str:
    assert isinstance(text, Framework)
    return framework_changes(text)


def register_governance_subjects() -> None:
    """The charter and the reference framework, adopted by consent."""
    register(
        Charter,
        TextSubject(
            title_format=_("Adoption de la charte v%(version)d"),
            summarise=_charter_changes,
            adoption_note=_("Adoptée par consentement (décision %(reference)s)."),
            summarises=_("la version de la charte"),
        ),
    )
    register(
        Framework,
        TextSubject(
            title_format=_("Adoption du cadre de référence v%(version)d"),
            summarise=_framework_changes,
            adoption_note=_("Adopté par consentement (décision %(reference)s)."),
            summarises=_("la version du cadre de référence"),
        ),
    )
