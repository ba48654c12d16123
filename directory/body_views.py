"""Pages of a body (instance): what it is, who sits in it and in which capacity, its
history, and the administrators' forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from access.permissions import MANAGE_BODY, MANAGE_TERRITORY, allowed, require
from access.scopes import (
    bodies_for,
    get_body_for_user,
    get_membership_for_user,
    get_territory_for_user,
    selectable_people,
)
from accounts.http import AuthenticatedRequest
from audit.views import render_history
from bodies import services
from bodies.forms import BodyForm, MembershipForm
from bodies.selectors import body_history, body_members, parent_choices, people_positions
from core.forms import add_service_errors
from core.french import de_name, french_date
from directory.selectors import visible_children
from territories.forms import EndForm


@require_http_methods(["GET", "POST"])
@login_required
def body_create(request: AuthenticatedRequest, territory_pk: int) -> HttpResponse:
    territory = get_territory_for_user(request.user, territory_pk)
    require(request.user, MANAGE_TERRITORY, territory)
    form = BodyForm(
        request.POST if request.method == "POST" else None, parents=parent_choices(territory)
    )
    if form.is_valid():
        try:
            body = services.body_create(territory=territory, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("L'instance « %s » a été créée.") % body.name)
            return redirect(body)
    return render(request, "bodies/body_form.html", {"territory": territory, "form": form})


# The body page stays the same size whatever the number of seats: it lists the first
# MEMBERS_SHOWN people (those holding a role first), the first MEMBERS_SHOWN guests and
# the PAST_SHOWN latest ended memberships; the members page lists everyone,
# MEMBERS_PAGE_SIZE people a page.
MEMBERS_SHOWN = 25
PAST_SHOWN = 10
MEMBERS_PAGE_SIZE = 50


@require_GET
@login_required
def body_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, pk)
    parent_visible = (
        body.parent_id is not None and bodies_for(request.user).filter(pk=body.parent_id).exists()
    )
    # One more ended membership than shown tells whether the members page has more.
    members = body_members(body, past_limit=PAST_SHOWN + 1)
    context = {
        "body": body,
        "territory": body.territory,
        "can_manage": allowed(request.user, MANAGE_BODY, body),
        "members": members,
        "seats": members.seats[:MEMBERS_SHOWN],
        "guests": members.guests[:MEMBERS_SHOWN],
        "past": members.past[:PAST_SHOWN],
        "more_members": (
            len(members.seats) > MEMBERS_SHOWN
            or len(members.guests) > MEMBERS_SHOWN
            or len(members.past) > PAST_SHOWN
        ),
        "children": visible_children(request.user, body),
        "parent_visible": parent_visible,
    }
    return render(request, "bodies/body_detail.html", context)


@require_GET
@login_required
def body_members_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Everyone who sits in a body, MEMBERS_PAGE_SIZE people a page (those holding a
    role first); its guests and who sat come with the first page."""
    body = get_body_for_user(request.user, pk)
    members = body_members(body)
    page = Paginator(members.seats, MEMBERS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "body": body,
        "territory": body.territory,
        "can_manage": allowed(request.user, MANAGE_BODY, body),
        "members": members,
        "page": page,
    }
    return render(request, "bodies/body_members.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def body_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, pk)
    require(request.user, MANAGE_BODY, body)
    initial = {
        "name": body.name,
        "kind": body.kind,
        "circle": body.circle,
        "stratum": body.stratum,
        "parent": body.parent,
        "description": body.description,
    }
    form = BodyForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        parents=parent_choices(body.territory, body),
    )
    if form.is_valid():
        try:
            services.body_update(body=body, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("L'instance « %s » a été modifiée.") % body.name)
            return redirect(body)
    context = {"territory": body.territory, "body": body, "form": form}
    return render(request, "bodies/body_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")
def membership_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Seat a person. Without JavaScript the position select lists everyone's positions,
    grouped by person; with htmx, choosing a person reloads it with theirs only. Either
    way the form checks that the position is the person's."""
    body = get_body_for_user(request.user, pk)
    require(request.user, MANAGE_BODY, body)
    people = selectable_people(request.user, body.territory)
    form = MembershipForm(
        request.POST if request.method == "POST" else None,
        initial={"person": request.GET.get("person")},
        people=people,
        positions=people_positions(people, body.territory),
        refresh_url=reverse("bodies:membership_create", args=[body.pk]),
    )
    if request.method == "GET" and request.htmx:
        return render(request, "bodies/_position_field.html", {"form": form})
    if form.is_valid():
        try:
            membership = services.membership_create(body=body, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s siège désormais dans « %(body)s » (%(role)s).")
                % {
                    "person": membership.person,
                    "body": body.name,
                    "role": membership.get_role_display(),
                },
            )
            return redirect(body)
    context = {"territory": body.territory, "body": body, "form": form}
    return render(request, "bodies/membership_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def membership_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """End a membership: never in one click. The body page links here; this page asks
    for the end date (today by default) and for confirmation."""
    membership = get_membership_for_user(request.user, pk)
    require(request.user, MANAGE_BODY, membership.body)
    form = EndForm(
        request.POST if request.method == "POST" else None, start_date=membership.start_date
    )
    if form.is_valid():
        try:
            services.membership_end(membership=membership, end_date=form.cleaned_data["end_date"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("La participation %(of_person)s prend fin le %(date)s.")
                % {
                    "of_person": de_name(membership.person),
                    "date": french_date(form.cleaned_data["end_date"]),
                },
            )
            return redirect(membership.body)
    context = {"membership": membership, "body": membership.body, "form": form}
    return render(request, "bodies/membership_end.html", context)


@require_GET
@login_required
def body_history_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, pk)
    return render_history(
        request, subject=body, entries=body_history(body), back_url=body.get_absolute_url()
    )
