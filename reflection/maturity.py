"""Reads of the maturity self-assessment: a round's distribution of stages, factors,
obstacles and levers (from the threshold, never who said what), and the body's
evolution over the rounds."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from access.scopes import get_visible_or_404
from accounts.models import Person
from bodies.models import Body
from core.charts import Chart, bar_chart, french_number, line_chart
from reflection.models import (
    MaturityAnswer,
    MaturityParticipation,
    MaturityRound,
    Status,
    min_answers,
)
from reflection.vademecum import FACTORS, LEVERS, OBSTACLES, STAGES


def get_round_for_user(user: Person, pk: int) -> MaturityRound:
    return get_visible_or_404(MaturityRound.objects.select_related("body__territory"), user, pk)


def body_rounds(body: Body, person: Person) -> QuerySet[MaturityRound]:
    """Newest first, with the number of answers and whether the person answered."""
    mine = MaturityParticipation.objects.filter(round=OuterRef("pk"), person=person)
    return (
        MaturityRound.objects.filter(body=body)
        .annotate(answered=Count("participations"), mine=Exists(mine))
        .select_related("next_step_by")
        .order_by("-held_on", "-pk")
    )


def has_assessed(round: MaturityRound, person: Person) -> bool:
    return MaturityParticipation.objects.filter(round=round, person=person).exists()


@dataclass
class RoundResults:
    answered: int
    threshold: int
    closed: bool
    stages: list[tuple[str, int]] = field(default_factory=list)
    mean_stage: float | None = None
    stage_chart: Chart | None = None
    factors: list[tuple[str, int, int, int]] = field(default_factory=list)  # freine, =, porte
    obstacles: list[tuple[str, int]] = field(default_factory=list)
    levers: list[tuple[str, int]] = field(default_factory=list)

    @property
    def visible(self) -> bool:
        return self.closed and self.answered >= self.threshold

    @property
    def mean_shown(self) -> str:
        return french_number(self.mean_stage, 2) if self.mean_stage is not None else "—"


def stage_distribution(stages: list[int]) -> list[int]:
    """How many answers put the codir at each stage, 1 to 5."""
    counts = Counter(stages)
    return [counts.get(stage.number, 0) for stage in STAGES]


def round_results(round: MaturityRound, answered: int) -> RoundResults:
    threshold = min_answers()
    # Closed first, as the mirror's results (reflection.selectors): no result that moves
    # answer after answer.
    results = RoundResults(answered, threshold, round.status == Status.CLOSED)
    if not results.visible:
        return results
    answers = list(MaturityAnswer.objects.filter(round=round))
    if not answers:
        return results
    counts = stage_distribution([a.stage for a in answers])
    results.stages = [(f"{s.number}. {s.name}", n) for s, n in zip(STAGES, counts, strict=True)]
    results.mean_stage = sum(a.stage for a in answers) / len(answers)
    results.stage_chart = bar_chart(
        _("Où les membres situent le Co-dir"),
        [(label, float(n)) for label, n in results.stages],
        label_column=_("Étape"),
        value_column=_("Nombre de réponses"),
        summary=_("Étape moyenne : %(mean)s sur 5.") % {"mean": results.mean_shown},
    )
    for key, label in FACTORS:
        seen = Counter(a.factors.get(key) for a in answers)
        results.factors.append((str(label), seen[-1], seen[0], seen[1]))
    obstacles = Counter(key for a in answers for key in a.obstacles)
    levers = Counter(key for a in answers for key in a.levers)
    results.obstacles = sorted(
        ((str(label), obstacles[key]) for key, label in OBSTACLES), key=lambda r: -r[1]
    )
    results.levers = sorted(
        ((str(label), levers[key]) for key, label in LEVERS), key=lambda r: -r[1]
    )
    return results


@dataclass(frozen=True)
class Evolution:
    columns: list[str]
    rows: list[tuple[str, ...]]  # per round: date, answers, count per stage, mean
    chart: Chart | None


def body_evolution(body: Body) -> Evolution:
    """Each closed round of the body with results, oldest first: how many placed the codir at
    each stage, and the mean stage (a line). Two queries."""
    threshold = min_answers()
    rounds = list(
        MaturityRound.objects.filter(body=body)
        .filter(status=Status.CLOSED)
        .annotate(answered=Count("participations"))
        .filter(answered__gte=threshold)
        .order_by("held_on", "pk")
    )
    stages: dict[int, list[int]] = {r.pk: [] for r in rounds}
    for round_id, stage in MaturityAnswer.objects.filter(round__in=rounds).values_list(
        "round_id", "stage"
    ):
        stages[round_id].append(stage)
    columns = [_("Autodiagnostic"), _("Réponses")]
    columns += [f"{s.number}. {s.name}" for s in STAGES] + [_("Étape moyenne")]
    rows: list[tuple[str, ...]] = []
    labels: list[str] = []
    means: list[float | None] = []
    for round in rounds:
        given = stages[round.pk]
        mean = round_mean(given)
        label = round.held_on.strftime("%m/%Y")
        labels.append(label)
        means.append(mean)
        rows.append(
            (
                label,
                str(len(given)),
                *(str(n) for n in stage_distribution(given)),
                french_number(mean, 2) if mean is not None else "—",
            )
        )
    chart = None
    if rounds:
        chart = line_chart(
            _("Étape moyenne où les membres situent le Co-dir"),
            labels,
            [(_("Étape moyenne"), means)],
            x_column=_("Autodiagnostic"),
            y_max=5,
        )
    return Evolution(columns, rows, chart)


def round_mean(stages: list[int]) -> float | None:
    return round(sum(stages) / len(stages), 2) if stages else None
