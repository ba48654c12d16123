"""Pages of documents: a body's document space, the upload forms (body, new version),
a document with its versions, the download and the deletion. The upload pages of a
meeting and of an agenda item are meetings' (meetings.attachment_views), built on
`upload_form` and `next_url` below.

Files are never served from MEDIA_URL: `download` checks access, then streams the file
as an attachment."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.permissions import MANAGE_BODY, allowed
from access.scopes import get_body_for_user
from accounts.http import AuthenticatedRequest
from core.forms import add_service_errors
from core.http import safe_next
from documents import services
from documents.forms import DocumentForm
from documents.models import Document
from documents.selectors import (
    can_delete,
    can_upload_to_body,
    can_upload_version,
    documents_for_body,
    get_document_for_user,
    versions_of,
)

# Stores an upload: (the file, the title typed, maybe empty) → the new document.
Store = Callable[[UploadedFile, str], Document]


def next_url(request: AuthenticatedRequest, default: str) -> str:
    """Where to go after a form: the page that linked here (`next`), if it is ours."""
    return safe_next(request, default)


def upload_form(
    request: AuthenticatedRequest, *, allowed: bool, store: Store, title_help: str | None = None
) -> tuple[DocumentForm, Document | None]:
    """Bind the form and, on a valid POST, run the upload (`store`). A refused upload
    shows the form again with the typed title kept (a browser never keeps a chosen file)."""
    if request.method == "POST" and not allowed:
        raise PermissionDenied
    form = DocumentForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        title_help=title_help,
    )
    if not form.is_valid():
        return form, None
    try:
        document = store(form.cleaned_data["file"], form.cleaned_data["title"])
    except ValidationError as error:
        add_service_errors(form, error)
        return form, None
    messages.success(request, _("Le document « %s » a été déposé.") % document.title)
    return form, document


@require_http_methods(["GET", "POST"])
@login_required
def body_documents(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    allowed = can_upload_to_body(request.user, body)
    form, document = upload_form(
        request,
        allowed=allowed,
        store=lambda upload, title: services.document_upload(
            uploaded_by=request.user, upload=upload, title=title, body=body
        ),
    )
    if document is not None:
        return redirect("documents:body_documents", body_pk=body.pk)
    context = {
        "body": body,
        "territory": body.territory,
        "documents": documents_for_body(body),
        "form": form if allowed else None,
    }
    return render(request, "documents/body_documents.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def new_version(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    previous = get_document_for_user(request.user, pk)
    if not can_upload_version(request.user, previous):
        raise PermissionDenied
    if not previous.is_latest:
        messages.info(request, _("Une version plus récente existe : complétez plutôt celle-ci."))
        latest = versions_of(previous).first()
        return redirect("documents:new_version", pk=latest.pk if latest else previous.pk)
    form, document = upload_form(
        request,
        allowed=True,
        store=lambda upload, title: services.document_new_version(
            previous=previous, uploaded_by=request.user, upload=upload, title=title
        ),
        title_help=_("Laissez vide pour garder le titre actuel."),
    )
    if document is not None:
        return redirect(next_url(request, document.get_absolute_url()))
    context = {
        "body": previous.body,
        "meeting": previous.meeting,
        "item": previous.item,
        "previous": previous,
        "form": form,
        "next": next_url(request, ""),
    }
    return render(request, "documents/upload.html", context)


@require_GET
@login_required
def detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    context = {
        "document": document,
        "body": document.body,
        "versions": versions_of(document),
        "can_manage": allowed(request.user, MANAGE_BODY, document.body),
        "can_upload": can_upload_version(request.user, document),
    }
    return render(request, "documents/detail.html", context)


@require_GET
@login_required
def download(request: AuthenticatedRequest, pk: int) -> FileResponse:
    document = get_document_for_user(request.user, pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("Le fichier n'est plus disponible.")) from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.filename,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    if not can_delete(request.user, document):
        raise PermissionDenied
    # After the deletion, show the versions left, or the body's documents.
    remaining = versions_of(document).exclude(pk=document.pk).first()
    fallback = (
        remaining.get_absolute_url()
        if remaining
        else reverse("documents:body_documents", kwargs={"body_pk": document.body_id})
    )
    services.document_delete(document=document)
    messages.success(request, _("Le document « %s » a été supprimé.") % document.title)
    return redirect(next_url(request, fallback))
