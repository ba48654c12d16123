"""Writes of the reference framework (cadre de référence): its draft's missions,
objects and sources of legitimacy. The draft starts from the latest version
(governance/services.py `draft_start`: objects keep their lineage, so that the register
follows them across versions); its submission and adoption follow the one path of
governance/services.py."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import Body
from documents.models import Document
from documents.services import document_upload
from governance.models import Framework, FrameworkObject, LegitimacySource
from governance.selectors import objects_of
from governance.services import draft_start, lock_editable


def framework_draft_start(*, body: Body, created_by: Person) -> Framework:
    """The body's draft: the existing one, or a new version copied from the latest (its
    missions, perspectives, objects with their lineage, sources)."""
    return draft_start(Framework, body=body, created_by=created_by)


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
    draft = lock_editable(framework)
    draft.mission_relational = mission_relational.strip()
    draft.mission_operational = mission_operational.strip()
    draft.mission_organisational = mission_organisational.strip()
    draft.mission_institutional = mission_institutional.strip()
    draft.perspectives = perspectives.strip()
    draft.save(update_fields=list(Framework.CONTENT_FIELDS))
    for name in Framework.CONTENT_FIELDS:  # the caller's instance shows what was saved
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
    draft = lock_editable(framework)
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
    lock_editable(obj.framework)
    obj.title, obj.kind, obj.authority, obj.description = title, kind, authority, description
    _check_object(obj)
    obj.save(update_fields=["title", "kind", "authority", "description"])
    return obj


@transaction.atomic
def framework_object_delete(*, obj: FrameworkObject) -> None:
    """Remove an object from the draft. Its copies in earlier versions stay, with the
    decisions taken on them."""
    lock_editable(obj.framework)
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
    draft = lock_editable(obj.framework)
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
    draft = lock_editable(framework)
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
    lock_editable(source.framework)
    source.delete()
