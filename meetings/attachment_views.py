"""The upload pages of a meeting and of an agenda item (their addresses stay under
/documents/: attachment_urls.py). The form, its checks and the messages are the
documents app's (documents.views.upload_form)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedRequest
from documents.views import next_url, upload_form
from meetings.attachments import (
    can_upload_to_item,
    can_upload_to_meeting,
    document_attach,
    documents_for_item,
    documents_for_meeting,
)
from meetings.selectors import get_item_for_user, get_meeting_for_user


@require_http_methods(["GET", "POST"])
@login_required
def document_upload(request: AuthenticatedRequest, meeting_pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, meeting_pk)
    if not can_upload_to_meeting(request.user, meeting):
        raise PermissionDenied
    form, document = upload_form(
        request,
        allowed=True,
        store=lambda upload, title: document_attach(
            uploaded_by=request.user, upload=upload, title=title, meeting=meeting
        ),
    )
    if document is not None:
        return redirect(next_url(request, document.get_absolute_url()))
    context = {
        "body": meeting.body,
        "meeting": meeting,
        "documents": documents_for_meeting(meeting),
        "form": form,
        "next": next_url(request, ""),
    }
    return render(request, "meetings/attachments/upload.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def item_document_upload(request: AuthenticatedRequest, item_pk: int) -> HttpResponse:
    item = get_item_for_user(request.user, item_pk)
    if not can_upload_to_item(request.user, item):
        raise PermissionDenied
    form, document = upload_form(
        request,
        allowed=True,
        store=lambda upload, title: document_attach(
            uploaded_by=request.user, upload=upload, title=title, item=item
        ),
    )
    if document is not None:
        return redirect(next_url(request, document.get_absolute_url()))
    context = {
        "body": item.meeting.body,
        "meeting": item.meeting,
        "item": item,
        "documents": documents_for_item(item),
        "form": form,
        "next": next_url(request, ""),
    }
    return render(request, "meetings/attachments/upload.html", context)
