"""Pages of the follow-up: a body's board, "mes actions", an action with its notes, the
forms to add and edit actions and the communes' rows.

Every object is loaded through a helper scoped to the user's bodies (an outsider gets
404); adding is for the body's members, editing for the owner, the body's facilitator
and the territory's administrators (others get 403).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.permissions import EDIT_FOLLOWUP, refusal
from access.scopes import get_body_for_user
from accounts.http import AuthenticatedRequest
from bodies.models import Body
from core.forms import add_service_errors
from decisions.models import Decision
from decisions.selectors import get_decision_for_user
from followup import selectors, services
from followup.forms import ActionForm, BoardFilterForm, ImplementationForm, StatusForm
from followup.models import Action, Implementation


def _followup_url(decision: Decision) -> str:
    """Where a decision's follow-up is shown: its page in the register."""
    return decision.get_absolute_url() + "#suivi"


# --- The board and "mes actions" -------------------------------------------------------


@login_required
@require_GET
def board(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    form = BoardFilterForm(request.GET or None, body=body)
    filters = selectors.BoardFilters()
    data: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.BoardFilters(
            status=data["status"] or "",
            owner=data["owner"].pk if data["owner"] else None,
            organisation=data["organisation"].pk if data["organisation"] else None,
            due=data["due"] or "",
        )
    context = {
        "body": body,
        "territory": body.territory,
        "board": selectors.body_board(
            body,
            filters,
            actions_page=request.GET.get("page_actions"),
            rows_page=request.GET.get("page_rows"),
            all_groups=request.GET.get("tout", ""),
        ),
        "form": form,
        "filtered": filters != selectors.BoardFilters(),
        "active_owner": data.get("owner"),
        "active_organisation": data.get("organisation"),
        "all_organisations": selectors.ORGANISATIONS,
        "all_people": selectors.PEOPLE,
        "permissions": selectors.followup_permissions(request.user, body),
        "soon_days": selectors.SOON_DAYS,
    }
    return render(request, "followup/board.html", context)


@login_required
@require_GET
def mine(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "actions": list(selectors.my_actions(request.user)),
        "rows": list(selectors.my_rows(request.user)),
    }
    return render(request, "followup/mine.html", context)


# --- Actions ----------------------------------------------------------------------------


def _action_form_page(
    request: AuthenticatedRequest, body: Body, decision: Decision | None
) -> HttpResponse:
    if not selectors.followup_permissions(request.user, body).add:
        raise PermissionDenied
    form = ActionForm(request.POST or None, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(
                body=body, actor=request.user, decision=decision, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("L'action est enregistrée."))
            return redirect(action)
    context = {"body": body, "territory": body.territory, "decision": decision, "form": form}
    return render(request, "followup/action_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def body_action_create(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    return _action_form_page(request, get_body_for_user(request.user, body_pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def decision_action_create(request: AuthenticatedRequest, decision_pk: int) -> HttpResponse:
    decision = get_decision_for_user(request.user, decision_pk)
    return _action_form_page(request, decision.body, decision)


def _action_context(request: AuthenticatedRequest, action: Action, **extra: Any) -> dict[str, Any]:
    permissions = selectors.followup_permissions(request.user, action.body)
    return {
        "action": action,
        "body": action.body,
        "territory": action.body.territory,
        "notes": list(selectors.action_notes(action)),
        "can_edit": permissions.can_edit(action),
        "status_form": StatusForm(initial={"status": action.status}),
        **extra,
    }


@login_required
@require_GET
def action_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for_user(request.user, pk)
    return render(request, "followup/action_detail.html", _action_context(request, action))


def _require_edit(request: AuthenticatedRequest, obj: Action | Implementation, body: Body) -> None:
    if not selectors.followup_permissions(request.user, body).can_edit(obj):
        raise PermissionDenied(refusal(EDIT_FOLLOWUP))


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for_user(request.user, pk)
    _require_edit(request, action, action.body)
    initial = {
        "title": action.title,
        "details": action.details,
        "owner": action.owner,
        "organisation": action.organisation,
        "due_on": action.due_on,
    }
    form = ActionForm(request.POST or None, body=action.body, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=action, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("L'action est modifiée."))
            return redirect(action)
    context = {
        "body": action.body,
        "territory": action.body.territory,
        "decision": action.decision,
        "action": action,
        "form": form,
    }
    return render(request, "followup/action_form.html", context)


@login_required
@require_POST
def action_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A progress note, with the new status if it changes."""
    action = selectors.get_action_for_user(request.user, pk)
    _require_edit(request, action, action.body)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.action_status_change(action=action, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("La note de suivi est enregistrée."))
            return redirect(action)
    context = _action_context(request, action, status_form=form)
    return render(request, "followup/action_detail.html", context, status=400)


# --- The communes' rows -----------------------------------------------------------------


@login_required
@require_POST
def implementations_create(request: AuthenticatedRequest, decision_pk: int) -> HttpResponse:
    decision = get_decision_for_user(request.user, decision_pk)
    if not selectors.followup_permissions(request.user, decision.body).add:
        raise PermissionDenied
    rows = services.implementations_create_for_communes(decision=decision)
    if rows:
        text = ngettext(
            "%(count)d ligne de mise en œuvre créée.",
            "%(count)d lignes de mise en œuvre créées.",
            len(rows),
        )
        messages.success(request, text % {"count": len(rows)})
    else:
        messages.info(request, _("Chaque commune a déjà sa ligne de mise en œuvre."))
    return redirect(_followup_url(decision))


@login_required
@require_http_methods(["GET", "POST"])
def implementation_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    row = selectors.get_implementation_for_user(request.user, pk)
    body = row.decision.body
    _require_edit(request, row, body)
    initial = {
        "status": row.status,
        "owner": row.owner,
        "due_on": row.due_on,
        "done_on": row.done_on,
        "note": row.note,
    }
    form = ImplementationForm(request.POST or None, body=body, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.implementation_update(row=row, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("La mise en œuvre par %(commune)s est à jour.")
                % {"commune": row.organisation.name},
            )
            return redirect(_followup_url(row.decision))
    context = {
        "row": row,
        "decision": row.decision,
        "body": body,
        "territory": body.territory,
        "form": form,
    }
    return render(request, "followup/implementation_form.html", context)


@login_required
@require_GET
def decision_page(request: AuthenticatedRequest, decision_pk: int) -> HttpResponse:
    """The follow-up of one decision on its own page (the register's decision page
    shows the same block through the `decision_followup` tag)."""
    decision = get_decision_for_user(request.user, decision_pk)
    context = {"decision": decision, "body": decision.body, "territory": decision.body.territory}
    return render(request, "followup/decision.html", context)
