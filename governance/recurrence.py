"""A charter's recurrence: an iCalendar RRULE (read with python-dateutil) and its
friendly form in French words.

Only the rules the friendly form builds are described in words: every week or every N
weeks on a weekday, or the Nth (or last) weekday of every month or every N months.
Any other rule still works for generation (meetings/schedule.py); it is shown as
written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dateutil.rrule import rrule, rrulestr  # type: ignore[import-untyped, unused-ignore]
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
