"""Writes of the reference framework (cadre de référence).

A body has at most one draft at a time; a new draft copies the latest version (its
objects keep their lineage, so that the register follows them across versions). A draft
is edited until it is submitted to consent: while the proposal that carries it is not
closed, the draft is frozen; if the proposal is withdrawn, it is editable again. An
adopted version never changes (decisions/receivers.py adopts it when the proposal is
adopted)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import Body
from decisions.framework_selectors import (
    framework_changes,
    latest_framework,
    objects_of,
    pending_proposal,
    previous_adopted,
)
from decisions.models import Decision, Proposal
from documents.models import Document
from governance.models import Framework, FrameworkObject, LegitimacySource

MISSION_NAMES = (
    "mission_relational",
    "mission_operational",
    "mission_organisational",
    "mission_institutional",
    "perspectives",
)


def check_editable(framework: Framework) -> None:
    """Refuse any change to an adopted version, or to a draft under consent."""
    if framework.is_adopted:
        raise ValidationError(
            _("Cette version est adoptée : elle ne change plus. Rédigez une nouvelle version.")
        )
    if pending_proposal(framework) is not None:
        raise ValidationError(
            _(
                "Ce projet est soumis au consentement : il ne change plus tant que la "
                "proposition est en cours. Retirez-la pour le modifier."
            )
        )


def _lock(framework: Framework) -> Framework:
    # One writer at a time on a draft; the checks read the locked row.
    locked = Framework.objects.select_for_update().get(pk=framework.pk)
    check_editable(locked)
    return locked


@transaction.atomic
def framework_draft_start(*, body: Body, created_by: Person) -> Framework:
    """The body's draft: the existing one, or a new version copied from the latest (its
    missions, perspectives, objects with their lineage, sources)."""
    Body.objects.select_for_update().filter(pk=body.pk).first()  # one new version at a time
    latest = latest_framework(body)
    if latest is not None and not latest.is_adopted:
        return latest
    draft = Framework(body=body, version=(latest.version + 1) if latest else 1)
    draft.created_by = created_by
    if latest is not None:
        for name in MISSION_NAMES:
            setattr(draft, name, getattr(latest, name))
    draft.save()
    if latest is not None:
        _copy_contents(latest, draft)
    return draft


def _copy_contents(source: Framework, target: Framework) -> None:
    FrameworkObject.objects.bulk_create(
        FrameworkObject(
            framework=target,
            title=obj.title,
            kind=obj.kind,
            description=obj.description,
            authority=obj.authority,
            position=obj.position,
            lineage=obj.lineage,
        )
        for obj in objects_of(source).all()
    )
    LegitimacySource.objects.bulk_create(
        LegitimacySource(
            framework=target,
            kind=item.kind,
            title=item.title,
            dated=item.dated,
            document_id=item.document_id,
            note=item.note,
        )
        for item in source.sources.all()
    )


@transaction.atomic
def framework_draft_update(
    *,
    framework: Framework,
    mission_relational: str = "",
    mission_operational: str = "",
    mission_organisational: str = "",
    mission_institutional: str = "",
    perspectives: str = "",
) -> Framework:
    """The draft's missions (the four functions, in the body's words) and perspectives."""
    draft = _lock(framework)
    draft.mission_relational = mission_relational.strip()
    draft.mission_operational = mission_operational.strip()
    draft.mission_organisational = mission_organisational.strip()
    draft.mission_institutional = mission_institutional.strip()
    draft.perspectives = perspectives.strip()
    draft.save(update_fields=list(MISSION_NAMES))
    for name in MISSION_NAMES:  # the caller's instance shows what was saved
        setattr(framework, name, getattr(draft, name))
    return draft


def _check_object(obj: FrameworkObject) -> None:
    obj.title = obj.title.strip()
    obj.description = obj.description.strip()
    if not obj.title:
        raise ValidationError({"title": _("Donnez un intitulé à l'objet.")})
    obj.full_clean(exclude=["framework", "position"])


@transaction.atomic
def framework_object_add(
    *, framework: Framework, title: str, kind: str, authority: str, description: str = ""
) -> FrameworkObject:
    """A new theme or dossier at the end of the list."""
    draft = _lock(framework)
    last = objects_of(draft).aggregate(last=Max("position"))["last"]
    obj = FrameworkObject(
        framework=draft,
        title=title,
        kind=kind,
        authority=authority,
        description=description,
        position=0 if last is None else last + 1,
    )
    _check_object(obj)
    obj.save()
    return obj


@transaction.atomic
def framework_object_update(
    *, obj: FrameworkObject, title: str, kind: str, authority: str, description: str = ""
) -> FrameworkObject:
    _lock(obj.framework)
    obj.title, obj.kind, obj.authority, obj.description = title, kind, authority, description
    _check_object(obj)
    obj.save(update_fields=["title", "kind", "authority", "description"])
    return obj


@transaction.atomic
def framework_object_delete(*, obj: FrameworkObject) -> None:
    """Remove an object from the draft. Its copies in earlier versions stay, with the
    decisions taken on them."""
    _lock(obj.framework)
    try:
        with transaction.atomic():
            obj.delete()
    except ProtectedError as error:
        raise ValidationError(
            _(
                "Des propositions ou des décisions portent sur cet objet : "
                "il ne peut pas être retiré."
            )
        ) from error


@transaction.atomic
def framework_object_move(*, obj: FrameworkObject, up: bool) -> FrameworkObject:
    """Swap the object with the one before (up) or after it. Positions are renumbered
    0, 1, 2... first, so that equal positions never block a move."""
    draft = _lock(obj.framework)
    objects = list(objects_of(draft).order_by("position", "title", "pk"))
    index = next(i for i, item in enumerate(objects) if item.pk == obj.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(objects):
        objects[index], objects[other] = objects[other], objects[index]
    for position, item in enumerate(objects):
        item.position = position
    FrameworkObject.objects.bulk_update(objects, ["position"])
    return next(item for item in objects if item.pk == obj.pk)


@transaction.atomic
def framework_source_add(
    *,
    framework: Framework,
    kind: str,
    title: str,
    added_by: Person,
    dated: date | None = None,
    note: str = "",
    document: Document | None = None,
    upload: UploadedFile | None = None,
) -> LegitimacySource:
    """A source of legitimacy, with its document: one of the body's documents, or a file
    shared with the body through the documents app (never both)."""
    from documents.services import document_upload

    draft = _lock(framework)
    if document is not None and upload is not None:
        raise ValidationError(
            _("Choisissez un document de l'instance ou déposez un fichier, pas les deux.")
        )
    if document is not None and document.body_id != draft.body_id:
        raise ValidationError({"document": _("Ce document n'appartient pas à l'instance.")})
    source = LegitimacySource(
        framework=draft, kind=kind, title=title.strip(), dated=dated, note=note.strip()
    )
    if not source.title:
        raise ValidationError({"title": _("Donnez un intitulé à la source.")})
    source.full_clean(exclude=["framework", "document"])
    if upload is not None:
        document = document_upload(
            uploaded_by=added_by, upload=upload, title=source.title, body=draft.body
        )
    source.document = document
    source.save()
    return source


@transaction.atomic
def framework_source_delete(*, source: LegitimacySource) -> None:
    """Remove a source from the draft (the document stays in the body's documents)."""
    _lock(source.framework)
    source.delete()


@transaction.atomic
def framework_submit(*, framework: Framework, proposer: Person) -> Proposal:
    """Carry the draft to consent: a consent proposal whose text says what the version
    changes. The draft is frozen until the proposal is adopted (the version is then
    adopted) or withdrawn (the draft is editable again)."""
    from decisions.consent import proposal_create

    draft = _lock(framework)
    if not objects_of(draft).exists():
        raise ValidationError(
            _("Le cadre de référence doit compter au moins un objet avant d'être soumis.")
        )
    return proposal_create(
        body=draft.body,
        proposer=proposer,
        title=_("Adoption du cadre de référence v%(version)d") % {"version": draft.version},
        text=framework_changes(draft),
        framework=draft,
    )


def framework_adopted_by_consent(*, proposal: Proposal, decision: Decision) -> Framework:
    """The framework version the proposal carried is adopted on the decision's date
    (called inside the adoption's transaction, by decisions/receivers.py). A refusal
    here refuses the adoption: nothing is written."""
    assert proposal.framework_id is not None
    framework = Framework.objects.select_for_update().get(pk=proposal.framework_id)
    if framework.is_adopted:
        raise ValidationError(_("Cette version du cadre de référence est déjà adoptée."))
    if framework.body_id != proposal.body_id:
        raise ValidationError(_("Ce cadre de référence n'est pas celui de l'instance."))
    if Framework.objects.filter(body_id=framework.body_id, version__gt=framework.version).exists():
        raise ValidationError(_("Une version plus récente du cadre de référence existe."))
    previous = previous_adopted(framework)
    if previous is not None and previous.adopted_on and decision.decided_on < previous.adopted_on:
        raise ValidationError(
            _("La version précédente du cadre de référence a été adoptée après cette date.")
        )
    framework.adopted_on = decision.decided_on
    framework.save(update_fields=["adopted_on"])
    return framework
