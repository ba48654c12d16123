"""Writes on documents. Each one is a single transaction, and a refused or failed upload
leaves nothing behind: no row, no file. Access is checked by the views."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import Body
from documents.files import check_upload, default_title, user_basename
from documents.models import Document


def document_upload(
    *,
    uploaded_by: Person,
    upload: UploadedFile,
    title: str = "",
    body: Body,
    meeting_id: int | None = None,
    item_id: int | None = None,
) -> Document:
    """Share a document with a body, or with one of its meetings (`meeting_id`) or one
    of that meeting's agenda items (`item_id` too). The caller says which meeting an item
    belongs to: meetings.attachments.document_attach, which knows meetings."""
    if item_id is not None and meeting_id is None:
        raise ValueError("An agenda item's document names the item's meeting too.")
    document = Document(body=body, meeting_id=meeting_id, item_id=item_id, uploaded_by=uploaded_by)
    return _store(document, upload=upload, title=title)


def document_new_version(
    *, previous: Document, uploaded_by: Person, upload: UploadedFile, title: str = ""
) -> Document:
    """A new version of a document: same place, version + 1, linked to the one before.
    Only the latest version may be followed, so that the history stays one line."""
    document = Document(
        body_id=previous.body_id,
        meeting_id=previous.meeting_id,
        item_id=previous.item_id,
        uploaded_by=uploaded_by,
        previous=previous,
        version=previous.version + 1,
        lineage=previous.lineage,
    )
    return _store(document, upload=upload, title=title or previous.title)


def _store(document: Document, *, upload: UploadedFile, title: str) -> Document:
    document.content_type = check_upload(upload)
    document.size = upload.size or 0
    document.original_name = user_basename(upload.name or "")
    document.title = (title.strip() or default_title(upload.name or ""))[:200] or _("Document")
    document.full_clean(exclude=["file", "previous"])
    try:
        with transaction.atomic():
            if document.previous_id is not None:
                _check_is_latest(document.previous_id)
            # The name goes through document_path: a random folder and a sanitised name.
            document.file.save(upload.name or "document", upload, save=False)
            document.save()
    except BaseException:
        if document.file.name:
            document.file.storage.delete(document.file.name)
        raise
    return document


def _check_is_latest(pk: int) -> None:
    # Lock the previous version so that two people cannot both follow it.
    Document.objects.select_for_update().filter(pk=pk).first()
    if Document.objects.filter(previous_id=pk).exists():
        raise ValidationError(
            _(
                "Une version plus récente de ce document a été déposée entre-temps : "
                "déposez la vôtre comme version suivante de celle-ci."
            )
        )


@transaction.atomic
def document_delete(*, document: Document) -> None:
    """Delete one version and its file. The audit trail keeps the deletion; the version
    after it, if any, now follows the one before, so the history stays one line."""
    following = Document.objects.select_for_update().filter(previous=document).first()
    previous_id = document.previous_id
    name = document.file.name
    storage = document.file.storage
    document.delete()
    if following is not None and previous_id is not None:
        following.previous_id = previous_id
        following.save(update_fields=["previous"])
    # The file goes once the row is gone for good, never before.
    transaction.on_commit(lambda: storage.delete(name))
