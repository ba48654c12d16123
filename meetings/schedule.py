"""The meeting calendar: a charter's occurrences (its recurrence, read and described in
governance/recurrence.py) and French public holidays.

An occurrence that falls on a public holiday (France, `holidays` package) is skipped,
not moved: moving it would put two meetings close together and surprise the people who
know the charter's rhythm.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

import holidays
from dateutil.rrule import rrule, rrulestr  # type: ignore[import-untyped, unused-ignore]
from django.utils import timezone
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@lru_cache(maxsize=32)
def _holidays_of(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("FR", years=[year], language="fr").items())


def public_holiday(day: date) -> str | None:
    """The name of the French public holiday on that day, if any (metropolitan France)."""
    return _holidays_of(day.year).get(day)


@dataclass(frozen=True)
class Occurrence:
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class Occurrences:
    kept: list[Occurrence]
    skipped: list[tuple[date, str]]  # (day, holiday name)


def occurrences(
    *,
    rule: str,
    anchor: date,
    start_time: time,
    end_time: time,
    start: date,
    end: date,
) -> Occurrences:
    """The occurrences of `rule` from `start` (included) to `end` (excluded), as aware
    datetimes in the project's time zone; holidays are skipped and listed apart.

    `anchor` is the rule's first day (dtstart): with an interval ("tous les 2 mois") it
    fixes which months or weeks are on, so regenerating later gives the same dates.
    """
    parsed = rrulestr(rule, dtstart=datetime.combine(anchor, start_time), forceset=False)
    assert isinstance(parsed, rrule)
    first = datetime.combine(max(start, anchor), time.min)
    last = datetime.combine(end, time.min) - timedelta(microseconds=1)
    duration = datetime.combine(anchor, end_time) - datetime.combine(anchor, start_time)
    kept: list[Occurrence] = []
    skipped: list[tuple[date, str]] = []
    for naive in parsed.between(first, last, inc=True):
        holiday = public_holiday(naive.date())
        if holiday:
            skipped.append((naive.date(), holiday))
            continue
        starts_at = timezone.make_aware(naive)
        kept.append(Occurrence(starts_at, timezone.make_aware(naive + duration)))
    return Occurrences(kept, skipped)


@dataclass(frozen=True)
class Phase:
    label: str
    minutes: int
    starts_at: datetime


# Co-développement professionnel: six timed phases (DOMAIN.md), about 80 minutes.
CODEV_PHASES: list[tuple[StrOrPromise, int]] = [
    (gettext_lazy("Exposé de la problématique par le ou la client·e"), 15),
    (gettext_lazy("Questions de clarification"), 15),
    (gettext_lazy("Contrat : l'aide attendue"), 5),
    (gettext_lazy("Consultation : réactions, expériences, suggestions"), 25),
    (gettext_lazy("Synthèse et plan d’action du ou de la client·e"), 10),
    (gettext_lazy("Apprentissages : ce que chacun retient"), 10),
]


def codev_timeline(starts_at: datetime) -> list[Phase]:
    """The phases of a co-développement session with their start times."""
    phases: list[Phase] = []
    at = starts_at
    for label, minutes in CODEV_PHASES:
        phases.append(Phase(str(label), minutes, at))
        at += timedelta(minutes=minutes)
    return phases
