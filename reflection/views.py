"""Pages of the opération miroir: a body's sessions and trend, one session (prepare,
open, answer, results, actions, plan), reminders. Every object is loaded through a
loader scoped to the user's bodies: an outsider gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.permissions import ANSWER_REFLECTION, RUN_REFLECTION, require
from access.scopes import get_body_for_user
from accounts.http import AuthenticatedRequest
from core.charts import csv_response
from core.forms import add_service_errors
from decisions.proposals.services import subject_submit
from decisions.proposals.subjects import adoption_decision, pending_proposal
from reflection import answering, reminders, selectors, services
from reflection.forms import (
    AnswerForm,
    MirrorActionForm,
    PlanForm,
    QuestionFormSet,
    ScheduleForm,
    SessionForm,
)
from reflection.models import MirrorSession, PlanStatus, Status, min_answers


def _refuse(
    request: AuthenticatedRequest, error: ValidationError, to: MirrorSession
) -> HttpResponse:
    messages.error(request, " ".join(error.messages))
    return redirect(to)


@login_required
@require_GET
def body_page(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    rhythm = selectors.rhythm_of(body)
    schedule_form = ScheduleForm(
        initial={"per_year": rhythm.per_year or 2, "next_on": rhythm.next_on}
    )
    if rhythm.charter is not None:  # the charter fixes the number: only the date is set here
        del schedule_form.fields["per_year"]
    context = {
        "body": body,
        "territory": body.territory,
        "sessions": list(selectors.body_sessions(body, request.user)),
        "trend": selectors.body_trend(body),
        "can_run": request.user.has_perm(RUN_REFLECTION, body),
        "can_answer": request.user.has_perm(ANSWER_REFLECTION, body),
        "threshold": min_answers(),
        "session_form": SessionForm(body=body),
        "rhythm": rhythm,
        "schedule_form": schedule_form,
    }
    return render(request, "reflection/body.html", context)


@login_required
@require_GET
def trend_csv(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    trend = selectors.body_trend(body)
    if trend.chart is None:
        return csv_response(f"miroir-tendances-{body.pk}.csv", [_("Opération miroir")], [])
    return trend.chart.csv_response(f"miroir-tendances-{body.pk}.csv")


@login_required
@require_POST
def schedule(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    require(request.user, RUN_REFLECTION, body)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        services.schedule_set(body=body, **form.cleaned_data)
        messages.success(request, _("Le rythme des opérations miroir est enregistré."))
    else:
        messages.error(request, _("Vérifiez le rythme : entre une et douze opérations par an."))
    return redirect("reflection:body", body_pk=body.pk)


@login_required
@require_POST
def session_create(request: AuthenticatedRequest, body_pk: int) -> HttpResponse:
    body = get_body_for_user(request.user, body_pk)
    require(request.user, RUN_REFLECTION, body)
    form = SessionForm(request.POST, body=body)
    if form.is_valid():
        try:
            session = services.session_create(body=body, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("L’opération miroir est créée : relisez le questionnaire, puis ouvrez-la."),
            )
            return redirect(session)
    else:
        messages.error(request, _("Indiquez la date de l’opération miroir."))
    return redirect("reflection:body", body_pk=body.pk)


@login_required
@require_GET
def session_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    answered = session.participations.count()
    can_run = request.user.has_perm(RUN_REFLECTION, session.body)
    context = {
        "session": session,
        "body": session.body,
        "territory": session.body.territory,
        "questions": list(session.questions.all()),
        "answered": answered,
        "mine": selectors.has_answered(session, request.user),
        "can_answer": request.user.has_perm(ANSWER_REFLECTION, session.body),
        "can_run": can_run,
        "results": selectors.session_results(session, answered),
        "actions": list(selectors.session_actions(session)),
        "waiting": list(selectors.not_answered(session)) if can_run else [],
        "action_form": MirrorActionForm(body=session.body),
        "plan_form": PlanForm(initial={"plan": session.plan}),
        "pending": pending_proposal(session),
        "adopted": adoption_decision(session)
        if session.plan_status == PlanStatus.ADOPTED
        else None,
    }
    return render(request, "reflection/session.html", context)


@login_required
@require_GET
def results_csv(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    results = selectors.session_results(session, session.participations.count())
    columns = [_("Question"), "1", "2", "3", "4", "5", _("Moyenne")]
    rows = [
        (r.question.text, *(str(n) for n in r.distribution), r.mean_shown)
        for r in results.questions
        if r.question.scale
    ]
    return csv_response(f"miroir-{session.pk}.csv", columns, rows)


@login_required
@require_http_methods(["GET", "POST"])
def questions(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    require(request.user, RUN_REFLECTION, session.body)
    if session.status != Status.DRAFT:
        messages.error(request, _("Le questionnaire ne change plus une fois la session ouverte."))
        return redirect(session)
    formset = QuestionFormSet(request.POST or None, queryset=session.questions.all())
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for form in formset.deleted_forms:
                if form.instance.pk:
                    form.instance.delete()
            for question in formset.save(commit=False):
                question.session = session
                question.save()
        messages.success(request, _("Le questionnaire est enregistré."))
        return redirect(session)
    context = {"session": session, "body": session.body, "formset": formset}
    return render(request, "reflection/questions.html", context)


def _step(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    require(request.user, RUN_REFLECTION, session.body)
    try:
        if action == "open":
            services.session_open(session=session)
            messages.success(
                request, _("L’opération miroir est ouverte : les membres peuvent répondre.")
            )
        else:
            services.session_close(session=session)
            messages.success(request, _("L’opération miroir est close."))
    except ValidationError as error:
        return _refuse(request, error, session)
    return redirect(session)


@login_required
@require_POST
def session_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "open")


@login_required
@require_POST
def session_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "close")


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    refusal = answering.refused(
        request,
        session,
        session.body,
        answered=selectors.has_answered(session, request.user),
        is_open=session.status == Status.OPEN,
        already=_("Vous avez déjà répondu à cette opération miroir. Merci !"),
        closed=_("Cette session n’est pas ouverte aux réponses."),
    )
    if refusal is not None:
        return refusal
    questions = list(session.questions.all())
    form = AnswerForm(request.POST or None, session=session, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.mirror_answer(session=session, person=request.user, answers=form.answers())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Vos réponses sont enregistrées, sans votre nom. Merci !"))
            return redirect(session)
    context = {"session": session, "body": session.body, "form": form}
    return render(request, "reflection/answer.html", context)


@login_required
@require_POST
def remind(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    require(request.user, RUN_REFLECTION, session.body)
    if session.status != Status.OPEN:
        messages.error(request, _("Cette session n’est pas ouverte aux réponses."))
        return redirect(session)
    sent, failed = reminders.remind_session(session)
    messages.success(
        request,
        ngettext("%(n)s rappel envoyé.", "%(n)s rappels envoyés.", sent) % {"n": sent},
    )
    if failed:
        messages.warning(
            request,
            ngettext("%(n)s rappel n’est pas parti.", "%(n)s rappels ne sont pas partis.", failed)
            % {"n": failed},
        )
    return redirect(session)


@login_required
@require_POST
def action_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    require(request.user, RUN_REFLECTION, session.body)
    form = MirrorActionForm(request.POST, body=session.body)
    if form.is_valid():
        try:
            services.mirror_action_add(session=session, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            return _refuse(request, error, session)
        messages.success(request, _("L’action est sur le tableau de suivi de l’instance."))
    else:
        messages.error(request, _("Dites ce qu’il faut faire (une ligne)."))
    return redirect(session.get_absolute_url() + "#actions")


@login_required
@require_POST
def plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    require(request.user, RUN_REFLECTION, session.body)
    form = PlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(session)
    try:
        services.plan_update(session=session, text=form.cleaned_data["plan"])
    except ValidationError as error:
        return _refuse(request, error, session)
    messages.success(request, _("Le plan d’action est enregistré."))
    return redirect(session.get_absolute_url() + "#plan")


@login_required
@require_POST
def plan_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    require(request.user, RUN_REFLECTION, session.body)
    if session.plan_status != PlanStatus.DRAFT:
        messages.error(request, _("Le plan d’action est déjà soumis ou adopté."))
        return redirect(session)
    try:
        proposal = subject_submit(subject=session, proposer=request.user)
    except ValidationError as error:
        return _refuse(request, error, session)
    messages.success(
        request, _("Le plan d’action est soumis au consentement des membres : il ne change plus.")
    )
    return redirect(proposal)


@login_required
@require_GET
def mine(request: AuthenticatedRequest) -> HttpResponse:
    """The navigation's "Miroir": the sessions of the bodies one sees, those waiting for
    one's answer first. Three queries whatever the number of sessions."""
    context = {
        "waiting": list(selectors.waiting_for(request.user)),
        "sessions": list(selectors.visible_sessions(request.user)),
    }
    return render(request, "reflection/mine.html", context)
