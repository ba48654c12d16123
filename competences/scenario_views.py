"""The users' life scenarios for members: each step and who answers it in a chosen
commune, the codir's own copy to edit, and the ruptures de parcours."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access.permissions import MANAGE_TERRITORY, refusal
from access.scopes import get_territory_for_user
from accounts.http import AuthenticatedRequest
from competences import selectors
from competences.forms import ScenarioForm, StepFormSet
from competences.models import Competence
from meetings.agenda_selectors import can_propose
from territories.models import Position


@login_required
@require_GET
def scenarios(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    territory = get_territory_for_user(request.user, pk)
    communes = list(selectors.communes_of(territory))
    chosen = next((c for c in communes if str(c.pk) == request.GET.get("commune")), None)
    if chosen is None:
        # A secretary comes to see her own commune's scenarios, not the first in the list.
        mine = set(
            Position.objects.current()
            .filter(person=request.user, organisation__territory=territory)
            .values_list("organisation_id", flat=True)
        )
        chosen = next((c for c in communes if c.pk in mine), communes[0] if communes else None)
    items = selectors.scenarios_of(territory)
    steps = {}
    if chosen is not None:
        competences = selectors.competences_of(territory)
        answers = {
            a.competence.pk: a for a in selectors.answers_for(territory, chosen, competences)
        }
        steps = {s.pk: selectors.scenario_answers(s, answers) for s in items}
    context = {
        "territory": territory,
        "communes": communes,
        "chosen": chosen,
        "scenarios": [(s, steps.get(s.pk, [])) for s in items],
        "rights": selectors.rights(request.user, territory),
    }
    return render(request, "competences/scenarios.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def scenario_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    scenario = selectors.get_scenario_for_user(request.user, pk)
    territory = scenario.territory
    if not selectors.rights(request.user, territory).scenarios:
        raise PermissionDenied(refusal(MANAGE_TERRITORY))
    data = request.POST if request.method == "POST" else None
    form = ScenarioForm(data, instance=scenario)
    steps = StepFormSet(data, instance=scenario, prefix="etape")
    choices = Competence.objects.filter(territory=territory)
    for step_form in steps.forms:
        step_form.fields["competence"].queryset = choices  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        with transaction.atomic():
            form.save()
            saved = steps.save(commit=False)
            for obj in steps.deleted_objects:
                obj.delete()
            for number, step in enumerate(saved):
                if step.order == 0:
                    step.order = 1000 + number
                step.save()
        messages.success(request, _("Le parcours est enregistré."))
        return redirect("competences:scenarios", pk=territory.pk)
    context = {"territory": territory, "scenario": scenario, "form": form, "steps": steps}
    return render(request, "competences/scenario_form.html", context)


@login_required
@require_GET
def ruptures(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    territory = get_territory_for_user(request.user, pk)
    found = selectors.ruptures(territory)
    meeting = selectors.next_open_meeting(territory)
    # The link only for those the proposal page accepts (a guest of the codir cannot).
    if meeting is not None and can_propose(request.user, meeting):
        for rupture in found:
            rupture.proposal_url = selectors.proposal_url(meeting, rupture)
    context = {
        "territory": territory,
        "ruptures": found,
        "meeting": meeting,
        "threshold": selectors.RUPTURE_THRESHOLD,
    }
    return render(request, "competences/ruptures.html", context)
