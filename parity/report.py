"""A body's parity of voice over a period, put together from the grouped counts of
parity/selectors.py and the arithmetic of parity/figures.py: by person, by organisation,
by size class, the Gini figure and its trend, and who kept silent over the year that
ends with the period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from bodies.models import Body
from meetings.rotation import host_candidates
from parity import figures
from parity.selectors import (
    ACTIVITIES,
    BY_KEY,
    INITIATIVE,
    TREND_QUARTERS,
    Activity,
    Counts,
    activity_counts,
    default_period,
    organisations_named,
    people_named,
    quarterly_counts,
    seats,
)
from territories.models import Organisation, SizeClass, size_class_for

QUIET_KEYS = ("proposed", "hosted", "facilitated")


@dataclass(frozen=True)
class Row:
    label: str
    detail: str  # a person's organisation, an organisation's size class
    counts: tuple[int | None, ...]  # one per activity; None where it does not apply
    total: int  # acts of initiative
    share: float  # of all acts of initiative


@dataclass(frozen=True)
class SizeRow:
    label: str
    organisations: int
    expected: float  # the share its organisations would have with equal voice
    total: int
    share: float


@dataclass(frozen=True)
class Report:
    body: Body
    start: date
    end: date
    activities: tuple[Activity, ...]
    people: list[Row]
    organisations: list[Row]
    size_classes: list[SizeRow]
    gini: float
    equal_share: float
    trend_labels: list[str]
    trend: list[float | None]
    trend_proposed: list[float | None]
    quiet: dict[str, list[Organisation]]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.organisations)


def _by_organisation(counts: Counts, organisation_of: dict[int, int]) -> Counts:
    """Each activity's counts moved from people to the organisations they sat for."""
    moved: Counts = {}
    for key, per_person in counts.items():
        if BY_KEY[key].of_organisation:
            moved[key] = dict(per_person)
            continue
        per_organisation: dict[int, int] = {}
        for person_id, count in per_person.items():
            organisation_id = organisation_of.get(person_id)
            if organisation_id is not None:
                per_organisation[organisation_id] = per_organisation.get(organisation_id, 0) + count
        moved[key] = per_organisation
    return moved


def _initiative_total(counts: Counts, pk: int) -> int:
    return sum(counts[key].get(pk, 0) for key in INITIATIVE if key in counts)


def body_report(body: Body, start: date, end: date) -> Report:
    counts = activity_counts(body, start, end)
    people_ids = {
        pk for key, rows in counts.items() if not BY_KEY[key].of_organisation for pk in rows
    }
    seated = seats(body, start, end, people_ids)
    per_organisation = _by_organisation(counts, seated.organisation_of)
    # The organisations measured: those that sat in the body during the period, and any
    # other that took an initiative (a guest's service presenting an item).
    speaking = {pk for key in INITIATIVE for pk, count in per_organisation[key].items() if count}
    everyone = seated.sitting | speaking

    # "In the last twelve months": the twelve months that end with the period, so that a
    # past period reads as it stood then, not as it stands today.
    recent = default_period(end)
    if (start, end) == recent:
        recent_counts = {key: per_organisation[key] for key in QUIET_KEYS}
        members = host_candidates(body)
    else:
        raw = activity_counts(body, *recent, QUIET_KEYS)
        members = host_candidates(body)
        recent_seats = seats(body, *recent, {pk for rows in raw.values() for pk in rows})
        recent_counts = _by_organisation(raw, recent_seats.organisation_of)
    organisations = organisations_named(everyone | {member.pk for member in members})
    people = people_named(people_ids)

    totals = {pk: _initiative_total(per_organisation, pk) for pk in everyone}
    shares = figures.shares(totals)
    organisation_rows = sorted(
        (
            Row(
                label=organisations[pk].name,
                detail=str(size_class_for(organisations[pk].population).label),
                counts=tuple(per_organisation[a.key].get(pk, 0) for a in ACTIVITIES),
                total=totals[pk],
                share=shares[pk],
            )
            for pk in everyone
        ),
        key=lambda row: (-row.total, row.label.casefold()),
    )
    person_totals = {pk: _initiative_total(counts, pk) for pk in people_ids}
    grand_total = sum(totals.values())
    person_rows = sorted(
        (
            Row(
                label=people[pk].full_name,
                detail=_organisation_name(organisations, seated.organisation_of.get(pk)),
                counts=tuple(
                    None if a.of_organisation else counts[a.key].get(pk, 0) for a in ACTIVITIES
                ),
                total=person_totals[pk],
                share=person_totals[pk] / grand_total if grand_total else 0.0,
            )
            for pk in people_ids
            if pk in people
        ),
        key=lambda row: (-row.total, row.label.casefold()),
    )

    quarters = figures.quarters_until(end, TREND_QUARTERS)
    by_quarter = quarterly_counts(body, end)
    all_acts: dict[figures.Quarter, dict[int, int]] = {}
    proposed: dict[figures.Quarter, dict[int, int]] = {}
    for key, rows in by_quarter.items():
        for (quarter, pk), count in rows.items():
            organisation_id = pk if BY_KEY[key].of_organisation else seated.organisation_of.get(pk)
            if organisation_id is None:
                continue
            bucket = all_acts.setdefault(quarter, {})
            bucket[organisation_id] = bucket.get(organisation_id, 0) + count
            if key == "proposed":
                mine = proposed.setdefault(quarter, {})
                mine[organisation_id] = mine.get(organisation_id, 0) + count
    # Each quarter measures the organisations that sat in the body during that quarter
    # (dated seats, already read), plus any that acted then.
    measured = {
        quarter: seated.sitting_between(quarter.start, quarter.end)
        | {pk for pk, count in all_acts.get(quarter, {}).items() if count}
        for quarter in quarters
    }

    return Report(
        body=body,
        start=start,
        end=end,
        activities=ACTIVITIES,
        people=person_rows,
        organisations=organisation_rows,
        size_classes=_size_rows(organisations, totals),
        gini=figures.gini(totals.values()),
        equal_share=figures.equal_share(len(everyone)),
        trend_labels=[quarter.label for quarter in quarters],
        trend=figures.gini_trend(all_acts, quarters, measured),
        trend_proposed=figures.gini_trend(proposed, quarters, measured),
        quiet={
            key: [member for member in members if member.pk not in recent_counts[key]]
            for key in QUIET_KEYS
        },
    )


def _organisation_name(organisations: dict[int, Organisation], pk: int | None) -> str:
    if pk is None or pk not in organisations:
        return _("organisation non renseignée")
    return organisations[pk].name


def _size_rows(organisations: dict[int, Organisation], totals: dict[int, int]) -> list[SizeRow]:
    """Each size class against the share its organisations would have with equal voice."""
    grand_total = sum(totals.values())
    classes: dict[SizeClass, list[int]] = {}
    for pk in totals:
        classes.setdefault(size_class_for(organisations[pk].population), []).append(pk)
    rows = []
    for size in SizeClass:
        members = classes.get(size)
        if not members:
            continue
        total = sum(totals[pk] for pk in members)
        rows.append(
            SizeRow(
                label=str(size.label),
                organisations=len(members),
                expected=len(members) / len(totals),
                total=total,
                share=total / grand_total if grand_total else 0.0,
            )
        )
    return rows
