"""Pages of a territory: its organisations, its directory, its history, and the
administrators' forms for organisations and positions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from access.permissions import MANAGE_TERRITORY, allowed, require
from access.scopes import (
    get_organisation_for_user,
    get_position_for_user,
    get_territory_for_user,
    selectable_people,
    territories_for,
)
from accounts.http import AuthenticatedRequest
from audit.views import render_history
from core.forms import add_service_errors
from core.french import de_name, french_date
from directory.selectors import (
    organisation_seats,
    pending_invitations_for_territory,
    territory_bodies_for,
    territory_history_for_user,
)
from territories import services
from territories.forms import EndForm, OrganisationDetailsForm, OrganisationForm, PositionForm
from territories.models import Organisation
from territories.selectors import (
    directory_entries,
    directory_search,
    organisation_children,
    organisation_current_positions,
    organisation_history,
    organisation_past_positions,
    territory_overview,
)

DIRECTORY_PAGE_SIZE = 30
MAX_QUERY_LENGTH = 200


@require_GET
@login_required
def territory_list(request: AuthenticatedRequest) -> HttpResponse:
    territories = territories_for(request.user).order_by("name")
    return render(request, "territories/territory_list.html", {"territories": territories})


@require_GET
@login_required
def territory_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    territory = get_territory_for_user(request.user, pk)
    is_admin = allowed(request.user, MANAGE_TERRITORY, territory)
    context = {
        "territory": territory,
        "overview": territory_overview(territory),
        "bodies": territory_bodies_for(request.user, territory),
        "is_admin": is_admin,
        "invitations": pending_invitations_for_territory(territory) if is_admin else None,
    }
    return render(request, "territories/territory_detail.html", context)


@require_GET
@login_required
@vary_on_headers("HX-Request")
def directory(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The people of a territory, searchable; htmx asks for the results fragment only."""
    territory = get_territory_for_user(request.user, pk)
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    people = directory_search(territory, query)
    page = Paginator(people, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    context = {
        "territory": territory,
        "query": query,
        "page": page,
        "entries": directory_entries(page.object_list, query),
        "partial": partial,
    }
    template = "territories/_directory_results.html" if partial else "territories/directory.html"
    return render(request, template, context)


@require_GET
@login_required
def territory_history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    territory = get_territory_for_user(request.user, pk)
    return render_history(
        request,
        subject=territory,
        entries=territory_history_for_user(request.user, territory),
        back_url=territory.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def organisation_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    territory = get_territory_for_user(request.user, pk)
    require(request.user, MANAGE_TERRITORY, territory)
    parents = territory.organisations.filter(ended_on__isnull=True).exclude(
        kind=Organisation.Kind.DELEGATED_COMMUNE
    )
    form = OrganisationForm(request.POST if request.method == "POST" else None, parents=parents)
    if form.is_valid():
        try:
            organisation = services.organisation_create(territory=territory, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("L'organisation « %s » a été ajoutée.") % organisation)
            return redirect(organisation)
    return render(
        request, "territories/organisation_form.html", {"territory": territory, "form": form}
    )


@require_GET
@login_required
def organisation_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk)
    context = {
        "organisation": organisation,
        "territory": organisation.territory,
        "is_admin": allowed(request.user, MANAGE_TERRITORY, organisation.territory),
        "children": organisation_children(organisation),
        "current_positions": organisation_current_positions(organisation),
        "past_positions": organisation_past_positions(organisation),
        "seats": organisation_seats(request.user, organisation),
    }
    return render(request, "territories/organisation_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def organisation_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The administrator edits an organisation's address and presentation."""
    organisation = get_organisation_for_user(request.user, pk)
    require(request.user, MANAGE_TERRITORY, organisation.territory)
    form = OrganisationDetailsForm(
        request.POST if request.method == "POST" else None,
        initial={"address": organisation.address, "description": organisation.description},
    )
    if form.is_valid():
        try:
            services.organisation_details_update(organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("La fiche de « %s » est modifiée.") % organisation)
            return redirect(organisation)
    context = {"organisation": organisation, "territory": organisation.territory, "form": form}
    return render(request, "territories/organisation_update.html", context)


@require_GET
@login_required
def organisation_history_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk)
    return render_history(
        request,
        subject=organisation,
        entries=organisation_history(organisation),
        back_url=organisation.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def position_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request.user, pk)
    require(request.user, MANAGE_TERRITORY, organisation.territory)
    people = selectable_people(request.user, organisation.territory)
    form = PositionForm(request.POST if request.method == "POST" else None, people=people)
    if form.is_valid():
        try:
            position = services.position_create(organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s est enregistré·e comme %(position)s.")
                % {"person": position.person, "position": position.label},
            )
            return redirect(organisation)
    context = {"organisation": organisation, "territory": organisation.territory, "form": form}
    return render(request, "territories/position_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def position_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """End a position: never in one click. The organisation page links here; this page
    asks for the end date (today by default) and for confirmation."""
    position = get_position_for_user(request.user, pk)
    require(request.user, MANAGE_TERRITORY, position.organisation.territory)
    form = EndForm(
        request.POST if request.method == "POST" else None, start_date=position.start_date
    )
    if form.is_valid():
        try:
            services.position_end(position=position, end_date=form.cleaned_data["end_date"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("La fonction %(of_person)s (%(position)s) prend fin le %(date)s.")
                % {
                    "of_person": de_name(position.person),
                    "position": position.label,
                    "date": french_date(form.cleaned_data["end_date"]),
                },
            )
            return redirect(position.organisation)
    context = {"position": position, "organisation": position.organisation, "form": form}
    return render(request, "territories/position_end.html", context)
