"""The meeting calendar: a charter's recurrence (an iCalendar RRULE, read with
python-dateutil) in friendly French words, its occurrences, and French public holidays.

Only the rules the friendly form builds are described in words: every week or every N
weeks on a weekday, or the Nth (or last) weekday of every month or every N months.
Any other rule still works for generation; it is shown as written.

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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_CHOICES = [
    ("MO", gettext_lazy("lundi")),
    ("TU", gettext_lazy("mardi")),
    ("WE", gettext_lazy("mercredi")),
    ("TH", gettext_lazy("jeudi")),
    ("FR", gettext_lazy("vendredi")),
    ("SA", gettext_lazy("samedi")),
    ("SU", gettext_lazy("dimanche")),
]
ORDINAL_CHOICES = [
    (1, gettext_lazy("1er")),
    (2, gettext_lazy("2e")),
    (3, gettext_lazy("3e")),
    (4, gettext_lazy("4e")),
    (-1, gettext_lazy("dernier")),
]


class Frequency:
    WEEKLY = "weekly"
    MONTHLY = "monthly"


FREQUENCY_CHOICES = [
    (Frequency.MONTHLY, gettext_lazy("mensuelle (le 2e mardi du mois, par exemple)")),
    (Frequency.WEEKLY, gettext_lazy("hebdomadaire (chaque lundi, par exemple)")),
]


@dataclass(frozen=True)
class Recurrence:
    """The friendly form of a rule. `ordinal` is 1..4 or -1 (last), monthly rules only."""

    frequency: str
    weekday: str
    interval: int = 1
    ordinal: int | None = None

    def to_rrule(self) -> str:
        parts = [f"FREQ={'WEEKLY' if self.frequency == Frequency.WEEKLY else 'MONTHLY'}"]
        if self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.frequency == Frequency.MONTHLY:
            parts.append(f"BYDAY={self.ordinal:+d}{self.weekday}")
        else:
            parts.append(f"BYDAY={self.weekday}")
        return ";".join(parts)


def parse_rule(rule: str) -> Recurrence | None:
    """The friendly form of an RRULE string, or None when the form cannot express it."""
    fields: dict[str, str] = {}
    for part in rule.strip().upper().split(";"):
        key, sep, value = part.partition("=")
        if not sep:
            return None
        fields[key] = value
    if set(fields) - {"FREQ", "INTERVAL", "BYDAY"}:
        return None
    try:
        interval = int(fields.get("INTERVAL", "1"))
    except ValueError:
        return None
    byday = fields.get("BYDAY", "")
    if interval < 1 or "," in byday or len(byday) < 2 or byday[-2:] not in WEEKDAYS:
        return None
    day, prefix = byday[-2:], byday[:-2]
    if fields.get("FREQ") == "WEEKLY" and not prefix:
        return Recurrence(Frequency.WEEKLY, day, interval)
    if fields.get("FREQ") == "MONTHLY" and prefix:
        try:
            ordinal = int(prefix)
        except ValueError:
            return None
        if ordinal in (1, 2, 3, 4, -1):
            return Recurrence(Frequency.MONTHLY, day, interval, ordinal)
    return None


def describe(rule: str) -> str:
    """The rule in French words: « le 2e mardi de chaque mois »."""
    recurrence = parse_rule(rule)
    if recurrence is None:
        return _("selon la règle %(rule)s") % {"rule": rule}
    day = str(dict(WEEKDAY_CHOICES)[recurrence.weekday])
    if recurrence.frequency == Frequency.WEEKLY:
        if recurrence.interval == 1:
            return _("chaque semaine le %(day)s") % {"day": day}
        return _("toutes les %(n)d semaines le %(day)s") % {"n": recurrence.interval, "day": day}
    assert recurrence.ordinal is not None
    ordinal = str(dict(ORDINAL_CHOICES)[recurrence.ordinal])
    if recurrence.interval == 1:
        return _("le %(ordinal)s %(day)s de chaque mois") % {"ordinal": ordinal, "day": day}
    return _("le %(ordinal)s %(day)s tous les %(n)d mois") % {
        "ordinal": ordinal,
        "day": day,
        "n": recurrence.interval,
    }


def validate_rule(rule: str) -> None:
    """Raise ValueError when dateutil cannot read the rule or it has no frequency."""
    parsed = rrulestr(rule, dtstart=datetime(2000, 1, 1), forceset=False)
    if not isinstance(parsed, rrule):
        raise ValueError(rule)


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
