"""Pages of a body's charter: the version in force with the draft and earlier versions,
one version, and the form that writes the next version (a draft until its adoption by
consent). Every member of the body reads; the body's facilitator and the territory's
administrators write (access.permissions.DRAFT_TEXTS). Submitting the draft to
consent is a page of decisions (decisions:charter_submit)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access.permissions import DRAFT_TEXTS, allowed, require
from access.scopes import get_body_for_user
from accounts.http import AuthenticatedRequest
from core.forms import add_service_errors
from governance.charter import charter_draft_save
from governance.forms import CharterForm
from governance.models import Charter
from governance.selectors import current_charter, get_charter_for_user
from governance.versions import history, latest_version


@require_GET
@login_required
def charter(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    versions = history(Charter, body)
    context = {
        "body": body,
        "territory": body.territory,
        "current": versions.current,
        "draft": versions.draft,
        "earlier": versions.earlier,
        "can_write": allowed(request.user, DRAFT_TEXTS, body),
    }
    return render(request, "governance/charter/charter.html", context)


@require_GET
@login_required
def charter_version(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = get_charter_for_user(request.user, pk)
    body = version.body
    context = {
        "body": body,
        "territory": body.territory,
        "charter": version,
        "current": current_charter(body),
        "can_write": allowed(request.user, DRAFT_TEXTS, body),
    }
    return render(request, "governance/charter/version.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def charter_new(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    """Write the next version (or go on with the draft), prefilled from the latest."""
    body = get_body_for_user(request.user, body_pk)
    require(request.user, DRAFT_TEXTS, body)
    latest = latest_version(Charter, body)
    draft = latest if latest is not None and not latest.is_adopted else None
    if draft is not None and draft.is_submitted:
        messages.error(
            request,
            _(
                "Ce projet de charte est soumis au consentement : il ne change plus tant que "
                "la proposition est en cours."
            ),
        )
        return redirect(draft)
    form = CharterForm(
        request.POST if request.method == "POST" else None,
        initial=CharterForm.initial_from(latest),
    )
    if form.is_valid():
        try:
            version = charter_draft_save(
                body=body, created_by=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "La version %(version)d de la charte est enregistrée ; elle reste un projet "
                    "jusqu'à son adoption par consentement."
                )
                % {"version": version.version},
            )
            return redirect(version)
    context = {
        "body": body,
        "territory": body.territory,
        "form": form,
        "latest": latest,
        "draft": draft,
    }
    return render(request, "governance/charter/form.html", context)
