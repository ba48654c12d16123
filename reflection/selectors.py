"""Reads of the opération miroir, shared by the pages, the home page and the reminders.

Results exist only once the session is closed and from `min_answers()` answers
(settings.CODIR_MIRROR_MIN_ANSWERS): below it, nothing of the answers leaves the
database, not even a count per question. Closed first, because results that change
while people answer would tell, answer after answer, what the last one said (whoever
runs the session sees who has answered)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Avg, Count, Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from access.scopes import get_visible_or_404, in_visible_bodies
from accounts.models import Person
from bodies.models import Body, BodyMembership
from core.charts import Chart, bar_chart, french_number, line_chart
from governance.models import Charter
from governance.selectors import current_charter
from reflection.models import (
    MirrorAction,
    MirrorSchedule,
    MirrorSession,
    Participation,
    Question,
    Response,
    Status,
    min_answers,
)


def get_session_for_user(user: Person, pk: int) -> MirrorSession:
    sessions = MirrorSession.objects.select_related("body__territory", "meeting")
    return get_visible_or_404(sessions, user, pk)


def schedule_of(body: Body) -> MirrorSchedule | None:
    return MirrorSchedule.objects.filter(body=body).first()


@dataclass(frozen=True)
class Rhythm:
    """How often the body holds a mirror: what its charter in force says, or (when the
    charter says nothing) what was set on the mirror's page; and the next planned date."""

    per_year: int | None
    next_on: date | None
    charter: Charter | None  # the version that fixes `per_year`, if one does

    @property
    def months_between(self) -> int | None:
        return 12 // self.per_year if self.per_year else None


def rhythm_of(body: Body) -> Rhythm:
    schedule = schedule_of(body)
    charter = current_charter(body)
    if charter is None or charter.mirrors_per_year is None:
        charter = None
    per_year = (
        charter.mirrors_per_year
        if charter is not None
        else (schedule.per_year if schedule is not None else None)
    )
    return Rhythm(per_year, schedule.next_on if schedule else None, charter)


def body_sessions(body: Body, person: Person) -> QuerySet[MirrorSession]:
    """The body's sessions, newest first, each with its number of answers and whether
    the person has answered: one query."""
    mine = Participation.objects.filter(session=OuterRef("pk"), person=person)
    return (
        MirrorSession.objects.filter(body=body)
        .annotate(answered=Count("participations"), mine=Exists(mine))
        .order_by("-held_on", "-pk")
    )


def has_answered(session: MirrorSession, person: Person) -> bool:
    return Participation.objects.filter(session=session, person=person).exists()


def session_actions(session: MirrorSession) -> QuerySet[MirrorAction]:
    return (
        MirrorAction.objects.filter(session=session)
        .select_related("action__owner")
        .order_by("action__pk")
    )


def not_answered(session: MirrorSession) -> QuerySet[Person]:
    """The body's current members (guests excepted) who have not answered: whom to remind."""
    members = (
        BodyMembership.objects.current()
        .filter(body_id=session.body_id)
        .exclude(role=BodyMembership.Role.GUEST)
        .values("person_id")
    )
    answered = Participation.objects.filter(session=session).values("person_id")
    return (
        Person.objects.filter(pk__in=members, is_active=True)
        .exclude(pk__in=answered)
        .order_by("last_name", "first_name")
    )


def waiting_for(person: Person) -> QuerySet[MirrorSession]:
    """The open sessions of the bodies where the person sits as a member and that wait for
    their answer, oldest first (one query, for the home page)."""
    seats = (
        BodyMembership.objects.current()
        .filter(person=person)
        .exclude(role=BodyMembership.Role.GUEST)
        .values("body_id")
    )
    answered = Participation.objects.filter(session=OuterRef("pk"), person=person)
    return (
        MirrorSession.objects.filter(status=Status.OPEN, body_id__in=seats)
        .exclude(Exists(answered))
        .select_related("body")
        .order_by("held_on", "pk")
    )


# --- Results ----------------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: Question
    distribution: list[int] = field(default_factory=lambda: [0] * 5)  # answers of 1…5
    mean: float | None = None
    texts: list[str] = field(default_factory=list)  # shuffled
    chart: Chart | None = None

    @property
    def mean_shown(self) -> str:
        return french_number(self.mean, 2) if self.mean is not None else "—"


@dataclass
class SessionResults:
    answered: int
    threshold: int
    questions: list[QuestionResult]
    closed: bool = True

    @property
    def visible(self) -> bool:
        return self.closed and self.answered >= self.threshold


def session_results(session: MirrorSession, answered: int) -> SessionResults:
    """Per question: for a scale the distribution and mean, for free text the answers in
    a random order. Empty while the session is open and below the threshold. Two queries."""
    threshold = min_answers()
    if answered < threshold or session.status != Status.CLOSED:
        return SessionResults(answered, threshold, [], closed=session.status == Status.CLOSED)
    results = {q.pk: QuestionResult(q) for q in session.questions.all()}
    for response in Response.objects.filter(question__session=session):
        result = results[response.question_id]
        if response.value is not None:
            result.distribution[response.value - 1] += 1
        elif response.text:
            result.texts.append(response.text)
    for result in results.values():
        count = sum(result.distribution)
        if result.question.scale and count:
            result.mean = sum((i + 1) * n for i, n in enumerate(result.distribution)) / count
            result.chart = bar_chart(
                result.question.text,
                [(str(i + 1), float(n)) for i, n in enumerate(result.distribution)],
                label_column=_("Réponse"),
                value_column=_("Nombre de réponses"),
                summary=_("Moyenne : %(mean)s sur 5, %(count)s réponses.")
                % {"mean": result.mean_shown, "count": count},
            )
        random.shuffle(result.texts)  # never the order they were stored in
    return SessionResults(answered, threshold, list(results.values()))


# --- Trends between sessions -------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    """One scale question across the body's sessions with results."""

    label: str
    values: list[float | None]  # one per session, None where it was not asked

    @property
    def change(self) -> float | None:
        """The last value minus the one before it (both present), else None."""
        present = [v for v in self.values if v is not None]
        if len(self.values) < 2 or self.values[-1] is None or len(present) < 2:
            return None
        return round(present[-1] - present[-2], 2)


def compute_trends(
    sessions: list[str], means: dict[tuple[int, str], float], labels: dict[str, str]
) -> list[Trend]:
    """`sessions`: the sessions' keys in date order; `means`: (session index, question
    key) → mean; `labels`: question key → label, in the order to show. Pure: tested by hand."""
    return [
        Trend(label, [means.get((i, key)) for i in range(len(sessions))])
        for key, label in labels.items()
    ]


@dataclass(frozen=True)
class BodyTrend:
    session_labels: list[str]
    trends: list[Trend]
    chart: Chart | None


def body_trend(body: Body) -> BodyTrend:
    """The mean of each scale question in each closed session of the body that has
    results (from the threshold), oldest first: two queries."""
    threshold = min_answers()
    sessions = list(
        MirrorSession.objects.filter(body=body)
        .filter(status=Status.CLOSED)
        .annotate(answered=Count("participations"))
        .filter(answered__gte=threshold)
        .order_by("held_on", "pk")
    )
    index = {session.pk: i for i, session in enumerate(sessions)}
    rows = (
        Response.objects.filter(question__session__in=index, value__isnull=False)
        .values("question__session_id", "question__key", "question__text")
        .annotate(mean=Avg("value"))
        .order_by()
    )
    means: dict[tuple[int, str], float] = {}
    labels: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: index[r["question__session_id"]]):
        # A question of the template is followed by its key, one of the body's own by
        # its wording; the latest wording names the line.
        key = row["question__key"] or row["question__text"]
        labels[key] = row["question__text"]
        means[(index[row["question__session_id"]], key)] = round(float(row["mean"]), 2)
    session_labels = [session.held_on.strftime("%m/%Y") for session in sessions]
    trends = compute_trends(session_labels, means, labels)
    chart = None
    if trends and sessions:
        chart = line_chart(
            _("Moyenne de chaque question, d’une opération miroir à l’autre"),
            session_labels,
            [(trend.label, trend.values) for trend in trends],
            x_column=_("Opération miroir"),
            y_max=5,
        )
    return BodyTrend(session_labels, trends, chart)


def visible_sessions(user: Person, limit: int = 50) -> QuerySet[MirrorSession]:
    """The sessions of the bodies the user sees, newest first, with their answers."""
    sessions = MirrorSession.objects.exclude(status=Status.DRAFT).select_related("body")
    return (
        in_visible_bodies(sessions, user)
        .annotate(answered=Count("participations"))
        .order_by("-held_on", "-pk")[:limit]
    )
