"""Writes of the opération miroir and the maturity self-assessment; each one is a single
transaction. Views check who may act (access.permissions); the services check what the
data forbids (answering twice, a closed session, a meeting of another body...)."""

from __future__ import annotations

import calendar
import random
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from access.permissions import ANSWER_REFLECTION
from accounts.models import Person
from bodies.models import Body
from followup.models import Action
from followup.services import action_create
from governance.selectors import current_charter
from meetings.models import Meeting
from reflection.models import (
    MaturityAnswer,
    MaturityParticipation,
    MaturityRound,
    MirrorAction,
    MirrorSchedule,
    MirrorSession,
    Participation,
    PlanStatus,
    Question,
    Response,
    Status,
)
from reflection.selectors import rhythm_of
from reflection.vademecum import FACTORS, LEVERS, MIRROR_QUESTIONS, OBSTACLES, STAGE_NAMES

_shuffle = random.SystemRandom().shuffle


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- The rhythm and the sessions ----------------------------------------------------------


@transaction.atomic
def schedule_set(*, body: Body, per_year: int | None, next_on: date | None) -> MirrorSchedule:
    """The rhythm set on the mirror's page. Where the charter in force fixes the number
    per year, that number holds (it changes with a new version of the charter) and only
    the next date is set here."""
    charter = current_charter(body)
    if charter is not None and charter.mirrors_per_year is not None:
        per_year = charter.mirrors_per_year or 1  # "none planned": kept for on-demand ones
    if per_year is None or not 1 <= per_year <= 12:
        raise ValidationError({"per_year": _("Entre une et douze opérations par an.")})
    schedule, _created = MirrorSchedule.objects.update_or_create(
        body=body, defaults={"per_year": per_year, "next_on": next_on}
    )
    return schedule


def _check_meeting(body: Body, meeting: Meeting | None) -> None:
    if meeting is None:
        return
    if meeting.body_id != body.pk or meeting.format != Meeting.Format.MIRROR:
        raise ValidationError(
            {"meeting": _("Choisissez une réunion « temps miroir » de l’instance.")}
        )


@transaction.atomic
def session_create(
    *, body: Body, actor: Person | None, held_on: date, meeting: Meeting | None = None
) -> MirrorSession:
    """A new session with its copy of the vademecum's questionnaire, in preparation. If
    it is the one the rhythm planned, the rhythm moves on to the next."""
    _check_meeting(body, meeting)
    session = MirrorSession.objects.create(
        body=body, held_on=held_on, meeting=meeting, created_by=actor
    )
    for position, question in enumerate(MIRROR_QUESTIONS, start=1):
        Question.objects.create(
            session=session,
            position=position,
            key=question.key,
            text=str(question.text),
            kind=Question.Kind.SCALE if question.scale else Question.Kind.TEXT,
            low=str(question.low),
            high=str(question.high),
        )
    schedule = MirrorSchedule.objects.select_for_update().filter(body=body).first()
    months = rhythm_of(body).months_between
    due = schedule is not None and schedule.next_on is not None and schedule.next_on <= held_on
    if due and months and schedule is not None and schedule.next_on is not None:
        schedule.next_on = add_months(schedule.next_on, months)
        schedule.save()
    return session


def _check_status(session: MirrorSession | MaturityRound, status: str) -> None:
    if session.status != status:
        messages = {
            Status.DRAFT: _("Le questionnaire ne change plus une fois la session ouverte."),
            Status.OPEN: _("Cette session n’est pas ouverte aux réponses."),
        }
        raise ValidationError(messages.get(Status(status), _("Cette session est close.")))


def _locked(session: MirrorSession) -> MirrorSession:
    return MirrorSession.objects.select_for_update().get(pk=session.pk)


@transaction.atomic
def session_open(*, session: MirrorSession) -> MirrorSession:
    locked = _locked(session)
    _check_status(locked, Status.DRAFT)
    if not locked.questions.exists():
        raise ValidationError(_("Le questionnaire n’a aucune question."))
    locked.status = Status.OPEN
    locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def session_close(*, session: MirrorSession) -> MirrorSession:
    locked = _locked(session)
    _check_status(locked, Status.OPEN)
    locked.status = Status.CLOSED
    locked.save(update_fields=["status"])
    return locked


def _check_may_answer(person: Person, body: Body) -> None:
    if not person.has_perm(ANSWER_REFLECTION, body):
        raise ValidationError(_("Seuls les membres de l’instance répondent."))


def _reshuffle(model: type[Response] | type[MaturityAnswer], rows: Any, new: list[Any]) -> None:
    """Rewrite the session's answers with the new ones, in a random order and with new
    random keys: the storage's own order (SQLite's rowid, PostgreSQL's row placement and
    the transaction that wrote each row) no longer says which answer came with which
    "has answered" row. bulk_create: no signal, so no audit entry either."""
    fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    kept = [model(**{f: getattr(row, f) for f in fields}) for row in rows]
    rows.delete()
    everything = kept + new
    _shuffle(everything)
    model.objects.bulk_create(everything)


@transaction.atomic
def mirror_answer(
    *, session: MirrorSession, person: Person, answers: dict[int, int | str | None]
) -> None:
    """The person's answers (question pk → 1 to 5 or text; empty ones are skipped) and the
    record that they answered, both or neither."""
    locked = _locked(session)
    _check_status(locked, Status.OPEN)
    _check_may_answer(person, locked.body)
    if Participation.objects.filter(session=locked, person=person).exists():
        raise ValidationError(_("Vous avez déjà répondu à cette opération miroir."))
    questions = {q.pk: q for q in locked.questions.all()}
    new: list[Response] = []
    for pk, value in answers.items():
        question = questions.get(pk)
        if question is None:
            raise ValidationError(_("Cette question n’est pas dans le questionnaire."))
        if value in (None, ""):
            continue
        if question.scale:
            if not isinstance(value, int) or not 1 <= value <= 5:
                raise ValidationError(_("Une échelle se répond de 1 à 5."))
            new.append(Response(question=question, value=value))
        else:
            new.append(Response(question=question, text=str(value).strip()))
    Participation.objects.create(session=locked, person=person)
    _reshuffle(Response, Response.objects.filter(question__session=locked), new)


@transaction.atomic
def mirror_action_add(
    *,
    session: MirrorSession,
    actor: Person,
    title: str,
    owner: Person | None = None,
    due_on: date | None = None,
) -> Action:
    """An action decided in the discussion: on the body's follow-up board, and listed
    with the session."""
    details = _("Décidée lors de l’opération miroir du %(date)s.") % {
        "date": session.held_on.strftime("%d/%m/%Y")
    }
    action = action_create(
        body=session.body,
        actor=actor,
        title=title,
        details=details,
        owner=owner,
        due_on=due_on,
    )
    MirrorAction.objects.create(session=session, action=action)
    return action


@transaction.atomic
def plan_update(*, session: MirrorSession, text: str) -> MirrorSession:
    locked = _locked(session)
    if locked.plan_status != PlanStatus.DRAFT:
        raise ValidationError(
            _("Le plan d’action est soumis au consentement ou adopté : il ne change plus.")
        )
    locked.plan = text.strip()
    locked.save(update_fields=["plan"])
    return locked


# --- Maturity ---------------------------------------------------------------------------


@transaction.atomic
def round_create(*, body: Body, actor: Person | None, held_on: date) -> MaturityRound:
    return MaturityRound.objects.create(body=body, held_on=held_on, created_by=actor)


@transaction.atomic
def round_close(*, round: MaturityRound) -> MaturityRound:
    locked = MaturityRound.objects.select_for_update().get(pk=round.pk)
    _check_status(locked, Status.OPEN)
    locked.status = Status.CLOSED
    locked.save(update_fields=["status"])
    return locked


@transaction.atomic
def maturity_answer(
    *,
    round: MaturityRound,
    person: Person,
    stage: int,
    factors: dict[str, int],
    obstacles: list[str],
    levers: list[str],
) -> None:
    locked = MaturityRound.objects.select_for_update().get(pk=round.pk)
    _check_status(locked, Status.OPEN)
    _check_may_answer(person, locked.body)
    if stage not in STAGE_NAMES:
        raise ValidationError({"stage": _("Choisissez une étape.")})
    known = dict(FACTORS)
    if any(key not in known or value not in (-1, 0, 1) for key, value in factors.items()):
        raise ValidationError(_("Un facteur inconnu ou une valeur hors échelle."))
    if not set(obstacles) <= dict(OBSTACLES).keys() or not set(levers) <= dict(LEVERS).keys():
        raise ValidationError(_("Un obstacle ou un levier inconnu."))
    if MaturityParticipation.objects.filter(round=locked, person=person).exists():
        raise ValidationError(_("Vous avez déjà répondu à cet autodiagnostic."))
    MaturityParticipation.objects.create(round=locked, person=person)
    answer = MaturityAnswer(
        round=locked,
        stage=stage,
        factors=factors,
        obstacles=sorted(obstacles),
        levers=sorted(levers),
    )
    _reshuffle(MaturityAnswer, MaturityAnswer.objects.filter(round=locked), [answer])


@transaction.atomic
def next_step_record(*, round: MaturityRound, actor: Person, text: str) -> MaturityRound:
    locked = MaturityRound.objects.select_for_update().get(pk=round.pk)
    locked.next_step = text.strip()
    locked.next_step_by = actor
    locked.save(update_fields=["next_step", "next_step_by"])
    return locked
