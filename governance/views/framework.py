"""Pages of the reference framework (cadre de référence): the version in force with its
draft and earlier versions, one version, and the draft's editing (missions, objects,
sources of legitimacy) until it is submitted to consent (a page of decisions,
decisions:framework_submit).

Every member of the body reads; the body's facilitator and the territory's
administrators write drafts (access.permissions.DRAFT_TEXTS)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.permissions import DRAFT_TEXTS, allowed, require
from access.scopes import get_body_for_user
from accounts.http import AuthenticatedRequest
from bodies.models import Body
from core.forms import add_service_errors
from documents.selectors import documents_for_body
from governance import framework
from governance.forms import FrameworkForm, FrameworkObjectForm, LegitimacySourceForm
from governance.models import Framework
from governance.selectors import (
    MISSION_FIELDS,
    get_framework_object_for_user,
    get_framework_version_for_user,
    get_source_for_user,
    objects_by_authority,
    sources_of,
)
from governance.services import check_editable
from governance.versions import history, version_in_force


def _version_context(version: Framework, can_write: bool) -> dict[str, Any]:
    """What the version partial shows: missions, objects by authority, sources; and
    whether the user may edit it now (a draft not submitted to consent)."""
    return {
        "framework": version,
        "missions": [
            (label, help_text, getattr(version, name)) for name, label, help_text in MISSION_FIELDS
        ],
        "groups": objects_by_authority(version),
        "sources": sources_of(version),
        "editable": can_write and version.is_editable,
        "can_write": can_write,
    }


def _body_context(body: Body) -> dict[str, Any]:
    return {"body": body, "territory": body.territory}


@require_GET
@login_required
def framework_page(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    """The version in force in full, the draft (if any) and the earlier versions."""
    body = get_body_for_user(request.user, body_pk)
    versions = history(Framework, body)
    can_write = allowed(request.user, DRAFT_TEXTS, body)
    context = {
        **_body_context(body),
        "current": versions.current,
        "draft": versions.draft,
        "earlier": versions.earlier,
        "can_write": can_write,
    }
    if versions.current is not None:
        context.update(_version_context(versions.current, can_write))
    return render(request, "governance/framework/framework.html", context)


@require_GET
@login_required
def framework_version(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = get_framework_version_for_user(request.user, pk)
    in_force = version_in_force(Framework, version.body)
    context = {
        **_body_context(version.body),
        **_version_context(version, allowed(request.user, DRAFT_TEXTS, version.body)),
        "in_force": in_force is not None and in_force.pk == version.pk,
    }
    return render(request, "governance/framework/version.html", context)


@require_POST
@login_required
def framework_new(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    """Start the next version from the latest one (or go back to the draft)."""
    body = get_body_for_user(request.user, body_pk)
    require(request.user, DRAFT_TEXTS, body)
    draft = framework.framework_draft_start(body=body, created_by=request.user)
    messages.success(
        request,
        _(
            "La version %(version)d du cadre de référence est un projet : modifiez-la, puis "
            "soumettez-la au consentement."
        )
        % {"version": draft.version},
    )
    return redirect(draft)


def _editable_draft(request: AuthenticatedRequest, version: Framework) -> HttpResponse | None:
    """A redirect to the version's page when it may not be edited now (adopted, or under
    consent), with the reason; None when it may."""
    require(request.user, DRAFT_TEXTS, version.body)
    try:
        check_editable(version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(version)
    return None


@require_http_methods(["GET", "POST"])
@login_required
def framework_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = get_framework_version_for_user(request.user, pk)
    if (refused := _editable_draft(request, version)) is not None:
        return refused
    initial = {name: getattr(version, name) for name in Framework.CONTENT_FIELDS}
    form = FrameworkForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            framework.framework_draft_update(framework=version, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Les missions et perspectives sont enregistrées."))
            return redirect(version)
    context = {**_body_context(version.body), "framework": version, "form": form}
    return render(request, "governance/framework/edit.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def framework_object_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = get_framework_version_for_user(request.user, pk)
    if (refused := _editable_draft(request, version)) is not None:
        return refused
    form = FrameworkObjectForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            framework.framework_object_add(framework=version, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("L'objet est ajouté au projet."))
            return redirect(version)
    context = {**_body_context(version.body), "framework": version, "form": form, "obj": None}
    return render(request, "governance/framework/object_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def framework_object_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    obj = get_framework_object_for_user(request.user, pk)
    version = obj.framework
    if (refused := _editable_draft(request, version)) is not None:
        return refused
    initial = {name: getattr(obj, name) for name in ("title", "kind", "authority", "description")}
    form = FrameworkObjectForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            framework.framework_object_update(obj=obj, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("L'objet est modifié."))
            return redirect(version)
    context = {**_body_context(version.body), "framework": version, "form": form, "obj": obj}
    return render(request, "governance/framework/object_form.html", context)


@require_POST
@login_required
def framework_object_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    obj = get_framework_object_for_user(request.user, pk)
    require(request.user, DRAFT_TEXTS, obj.framework.body)
    try:
        framework.framework_object_delete(obj=obj)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("« %(title)s » est retiré du projet.") % {"title": obj.title})
    return redirect(obj.framework)


@require_POST
@login_required
def framework_object_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    obj = get_framework_object_for_user(request.user, pk)
    require(request.user, DRAFT_TEXTS, obj.framework.body)
    try:
        framework.framework_object_move(obj=obj, up=request.POST.get("direction") != "down")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(obj.framework.get_absolute_url() + f"#objet-{obj.pk}")


@require_http_methods(["GET", "POST"])
@login_required
def framework_source_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = get_framework_version_for_user(request.user, pk)
    if (refused := _editable_draft(request, version)) is not None:
        return refused
    form = LegitimacySourceForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        documents=documents_for_body(version.body),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            framework.framework_source_add(
                framework=version,
                kind=data["kind"],
                title=data["title"],
                dated=data["dated"],
                note=data["note"],
                document=data["document"],
                upload=data["file"],
                added_by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("La source de légitimité est ajoutée."))
            return redirect(version)
    context = {**_body_context(version.body), "framework": version, "form": form}
    return render(request, "governance/framework/source_form.html", context)


@require_POST
@login_required
def framework_source_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    source = get_source_for_user(request.user, pk)
    require(request.user, DRAFT_TEXTS, source.framework.body)
    try:
        framework.framework_source_delete(source=source)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("La source est retirée du projet."))
    return redirect(source.framework)
