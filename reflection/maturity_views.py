"""Pages of the maturity self-assessment: a body's rounds and evolution, one round
(answer, distribution, next step)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.permissions import ANSWER_REFLECTION, RUN_REFLECTION, require
from access.scopes import get_body_for_user
from accounts.http import AuthenticatedRequest
from core.charts import csv_response
from core.forms import add_service_errors
from reflection import answering, maturity, services
from reflection.forms import MaturityForm, NextStepForm, RoundForm
from reflection.models import Status
from reflection.vademecum import STAGES


@login_required
@require_GET
def body_page(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    rounds = list(maturity.body_rounds(body, request.user))
    context = {
        "body": body,
        "territory": body.territory,
        "rounds": rounds,
        "chosen": next((r for r in rounds if r.next_step), None),
        "evolution": maturity.body_evolution(body),
        "stages": STAGES,
        "can_run": request.user.has_perm(RUN_REFLECTION, body),
        "round_form": RoundForm(),
    }
    return render(request, "reflection/maturity.html", context)


@login_required
@require_GET
def evolution_csv(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    evolution = maturity.body_evolution(body)
    return csv_response(f"maturite-{body.pk}.csv", evolution.columns, evolution.rows)


@login_required
@require_POST
def round_create(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    require(request.user, RUN_REFLECTION, body)
    form = RoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez la date de l’autodiagnostic."))
        return redirect("reflection:maturity", body_pk=body.pk)
    assessment = services.round_create(body=body, actor=request.user, **form.cleaned_data)
    messages.success(request, _("L’autodiagnostic est ouvert aux membres."))
    return redirect(assessment)


@login_required
@require_GET
def round_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = maturity.get_round_for_user(request.user, pk)
    answered = assessment.participations.count()
    context = {
        "round": assessment,
        "body": assessment.body,
        "territory": assessment.body.territory,
        "answered": answered,
        "mine": maturity.has_assessed(assessment, request.user),
        "can_answer": request.user.has_perm(ANSWER_REFLECTION, assessment.body),
        "can_run": request.user.has_perm(RUN_REFLECTION, assessment.body),
        "results": maturity.round_results(assessment, answered),
        "next_form": NextStepForm(initial={"next_step": assessment.next_step}),
    }
    return render(request, "reflection/round.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = maturity.get_round_for_user(request.user, pk)
    refusal = answering.refused(
        request,
        assessment,
        assessment.body,
        answered=maturity.has_assessed(assessment, request.user),
        is_open=assessment.status == Status.OPEN,
        already=_("Vous avez déjà répondu à cet autodiagnostic. Merci !"),
        closed=_("Cet autodiagnostic est clos."),
    )
    if refusal is not None:
        return refusal
    form = MaturityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.maturity_answer(
                round=assessment,
                person=request.user,
                stage=form.cleaned_data["stage"],
                factors=form.factors(),
                obstacles=form.cleaned_data["obstacles"],
                levers=form.cleaned_data["levers"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Votre autodiagnostic est enregistré, sans votre nom."))
            return redirect(assessment)
    context = {"round": assessment, "body": assessment.body, "form": form, "stages": STAGES}
    return render(request, "reflection/round_answer.html", context)


@login_required
@require_POST
def round_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = maturity.get_round_for_user(request.user, pk)
    require(request.user, RUN_REFLECTION, assessment.body)
    try:
        services.round_close(round=assessment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("L’autodiagnostic est clos."))
    return redirect(assessment)


@login_required
@require_POST
def next_step(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    assessment = maturity.get_round_for_user(request.user, pk)
    require(request.user, RUN_REFLECTION, assessment.body)
    form = NextStepForm(request.POST)
    if form.is_valid():
        services.next_step_record(
            round=assessment, actor=request.user, text=form.cleaned_data["next_step"]
        )
        messages.success(request, _("La prochaine étape est enregistrée."))
    else:
        messages.error(request, _("Écrivez la prochaine étape choisie."))
    return redirect(assessment)
