"""The operator's pages: create a territory from the official data (search an EPCI, see
the communes it brings, import it and invite its first administrator), and re-import one
after a change of perimeter, seeing what changes before confirming."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access.permissions import IMPORT_TERRITORIES, require
from access.scopes import territories_for
from accounts.http import AuthenticatedRequest
from core.forms import add_service_errors
from core.mail import MAIL_ERRORS
from directory.invitations import territory_open
from directory.operator_forms import EpciSearchForm, TerritoryImportForm
from territories import officialdata
from territories.importer import ImportConflictError, ImportReport, territory_import
from territories.models import Territory

MAX_RESULTS = 50
logger = logging.getLogger(__name__)


@require_GET
@login_required
def territory_import_search(request: AuthenticatedRequest) -> HttpResponse:
    require(request.user, IMPORT_TERRITORIES, None)
    form = EpciSearchForm(request.GET if "q" in request.GET else None)
    results: list[tuple[officialdata.OfficialEpci, list[str], Territory | None]] = []
    total = 0
    if form.is_valid():
        found = officialdata.official_data().search_with_communes(form.cleaned_data["q"])
        total = len(found)
        found = found[:MAX_RESULTS]
        existing = {
            territory.siren: territory
            for territory in territories_for(request.user).filter(
                siren__in=[epci.siren for epci, _names in found]
            )
        }
        results = [(epci, names, existing.get(epci.siren)) for epci, names in found]
    context = {"form": form, "results": results, "total": total, "max_results": MAX_RESULTS}
    return render(request, "territories/operator_search.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def territory_import_confirm(request: AuthenticatedRequest, siren: str) -> HttpResponse:
    require(request.user, IMPORT_TERRITORIES, None)
    data = officialdata.official_data()
    epci = data.epci(siren)
    if epci is None:
        raise Http404(_("Aucun EPCI de ce SIREN dans les données officielles."))
    territory = territories_for(request.user).filter(siren=siren).first()
    form = TerritoryImportForm(
        request.POST if request.method == "POST" else None, new_territory=territory is None
    )
    preview, conflict = _preview(siren)
    if conflict is None and form.is_valid():
        try:
            report, invitation = territory_open(
                operator=request.user, siren=siren, **form.cleaned_data
            )
        except ImportConflictError as error:
            conflict = str(error)
        except ValidationError as error:
            add_service_errors(form, error)
        except MAIL_ERRORS:
            logger.exception("Administrator invitation for territory %s failed", siren)
            form.add_error(
                None,
                _(
                    "Le courriel d'invitation n'a pas pu être envoyé ; rien n'a été "
                    "enregistré, pas même le territoire. Réessayez dans quelques minutes."
                ),
            )
        else:
            messages.success(request, report.summary())
            if invitation is not None:
                messages.success(
                    request,
                    _("Une invitation à administrer le territoire a été envoyée à %(email)s.")
                    % {"email": invitation.email},
                )
            return redirect("territories:detail", report.territory_id)
    members = data.members(epci)
    context = {
        "epci": epci,
        "territory": territory,
        "communes": [
            (commune, [delegated.name for delegated in data.delegated_of(commune.code)])
            for commune in members
        ],
        "preview": preview,
        "conflict": conflict,
        "form": form,
        "data_label": data.label,
    }
    return render(request, "territories/operator_confirm.html", context)


def _preview(siren: str) -> tuple[ImportReport | None, str | None]:
    """What an import would change now, or why it cannot be done."""
    try:
        return territory_import(siren=siren, dry_run=True), None
    except ImportConflictError as error:
        return None, str(error)
