"""Pages of the reference framework (cadre de référence): the version in force with its
drafts and earlier versions, one version, and the draft's editing (missions, objects,
sources of legitimacy) until it is submitted to consent.

Every member of the body reads; the body's facilitator and the territory's
administrators write drafts (meetings.selectors.can_plan_meetings)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bodies.models import Body
from bodies.selectors import get_body_for_user
from core.forms import add_service_errors
from core.http import AuthenticatedRequest
from decisions import framework_services as services
from decisions.framework_forms import FrameworkForm, FrameworkObjectForm, LegitimacySourceForm
from decisions.framework_selectors import (
    MISSION_FIELDS,
    adoption_decision,
    framework_versions,
    get_framework_object_for_user,
    get_framework_version_for_user,
    get_source_for_user,
    objects_by_authority,
    pending_proposal,
    register_url,
    sources_of,
)
from decisions.models import Proposal
from documents.selectors import documents_for_body
from governance.models import Framework
from meetings.selectors import can_plan_meetings


def _require(allowed: bool) -> None:
    """A member who may see the framework but not write it gets 403 (outsiders got 404)."""
    if not allowed:
        raise PermissionDenied


def proposal_url(proposal: Proposal) -> str | None:
    """The proposal's page; None while the proposal pages are not installed."""
    try:
        return proposal.get_absolute_url()
    except NoReverseMatch:
        return None


def _version_context(framework: Framework, can_write: bool) -> dict[str, Any]:
    """What the version partial shows: missions, objects by authority with their
    decisions, sources; and whether the user may edit it now."""
    pending = None if framework.is_adopted else pending_proposal(framework)
    decision = adoption_decision(framework) if framework.is_adopted else None
    return {
        "framework": framework,
        "missions": [
            (label, help_text, getattr(framework, name))
            for name, label, help_text in MISSION_FIELDS
        ],
        "groups": objects_by_authority(framework),
        "sources": sources_of(framework),
        "register_url": register_url(framework.body),
        "pending": pending,
        "pending_url": proposal_url(pending) if pending else None,
        "decision": decision,
        "editable": can_write and not framework.is_adopted and pending is None,
        "can_write": can_write,
    }


def _body_context(body: Body) -> dict[str, Any]:
    return {"body": body, "territory": body.territory}


@require_GET
@login_required
def framework(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    """The version in force in full, the draft (if any) and the earlier versions."""
    body = get_body_for_user(request.user, body_pk)
    versions = framework_versions(body)
    for version in versions:
        version.body = body  # already loaded, with its territory
    current = next((v for v in versions if v.is_adopted), None)
    draft = versions[0] if versions and not versions[0].is_adopted else None
    can_write = can_plan_meetings(request.user, body)
    context = {
        **_body_context(body),
        "current": current,
        "draft": draft,
        "draft_pending": pending_proposal(draft) if draft else None,
        "earlier": [v for v in versions if v not in (current, draft)],
        "can_write": can_write,
    }
    if current is not None:
        context.update(_version_context(current, can_write))
    return render(request, "decisions/framework/framework.html", context)


@require_GET
@login_required
def framework_version(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = get_framework_version_for_user(request.user, pk)
    latest_adopted = next((v for v in framework_versions(version.body) if v.is_adopted), None)
    context = {
        **_body_context(version.body),
        **_version_context(version, can_plan_meetings(request.user, version.body)),
        "in_force": latest_adopted is not None and latest_adopted.pk == version.pk,
    }
    return render(request, "decisions/framework/version.html", context)


@require_POST
@login_required
def framework_new(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    """Start the next version from the latest one (or go back to the draft)."""
    body = get_body_for_user(request.user, body_pk)
    _require(can_plan_meetings(request.user, body))
    draft = services.framework_draft_start(body=body, created_by=request.user)
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
    _require(can_plan_meetings(request.user, version.body))
    try:
        services.check_editable(version)
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
    initial = {name: getattr(version, name) for name in services.MISSION_NAMES}
    form = FrameworkForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            services.framework_draft_update(framework=version, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Les missions et perspectives sont enregistrées."))
            return redirect(version)
    context = {**_body_context(version.body), "framework": version, "form": form}
    return render(request, "decisions/framework/edit.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def framework_object_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = get_framework_version_for_user(request.user, pk)
    if (refused := _editable_draft(request, version)) is not None:
        return refused
    form = FrameworkObjectForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.framework_object_add(framework=version, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("L'objet est ajouté au projet."))
            return redirect(version)
    context = {**_body_context(version.body), "framework": version, "form": form, "obj": None}
    return render(request, "decisions/framework/object_form.html", context)


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
            services.framework_object_update(obj=obj, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("L'objet est modifié."))
            return redirect(version)
    context = {**_body_context(version.body), "framework": version, "form": form, "obj": obj}
    return render(request, "decisions/framework/object_form.html", context)


@require_POST
@login_required
def framework_object_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    obj = get_framework_object_for_user(request.user, pk)
    _require(can_plan_meetings(request.user, obj.framework.body))
    try:
        services.framework_object_delete(obj=obj)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("« %(title)s » est retiré du projet.") % {"title": obj.title})
    return redirect(obj.framework)


@require_POST
@login_required
def framework_object_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    obj = get_framework_object_for_user(request.user, pk)
    _require(can_plan_meetings(request.user, obj.framework.body))
    try:
        services.framework_object_move(obj=obj, up=request.POST.get("direction") != "down")
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
            services.framework_source_add(
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
    return render(request, "decisions/framework/source_form.html", context)


@require_POST
@login_required
def framework_source_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    source = get_source_for_user(request.user, pk)
    _require(can_plan_meetings(request.user, source.framework.body))
    try:
        services.framework_source_delete(source=source)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("La source est retirée du projet."))
    return redirect(source.framework)


@require_POST
@login_required
def framework_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Soumettre au consentement: a consent proposal carries the draft; its page is next."""
    version = get_framework_version_for_user(request.user, pk)
    _require(can_plan_meetings(request.user, version.body))
    try:
        proposal = services.framework_submit(framework=version, proposer=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(version)
    messages.success(
        request,
        _(
            "Le projet est soumis au consentement des membres : il ne change plus tant que la "
            "proposition est en cours."
        ),
    )
    return redirect(proposal_url(proposal) or version.get_absolute_url())
