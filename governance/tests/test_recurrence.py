"""A charter's recurrence: the rule in French words, and the friendly form (frequency,
weekday, which one in the month, every N) to and from the iCalendar rule."""

from __future__ import annotations

import pytest

from governance.recurrence import Frequency, Recurrence, describe, parse_rule, validate_rule


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=MONTHLY;BYDAY=+2TU", "le 2e mardi de chaque mois"),
        ("FREQ=WEEKLY;BYDAY=MO", "chaque semaine le lundi"),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=+1TH", "le 1er jeudi tous les 2 mois"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "le dernier vendredi de chaque mois"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "toutes les 2 semaines le mercredi"),
        ("FREQ=DAILY", "selon la règle FREQ=DAILY"),
    ],
)
def test_rules_are_described_in_french(rule, words):
    assert describe(rule) == words


@pytest.mark.parametrize(
    "recurrence",
    [
        Recurrence(Frequency.MONTHLY, "TU", 1, 2),
        Recurrence(Frequency.MONTHLY, "TH", 2, 1),
        Recurrence(Frequency.MONTHLY, "FR", 1, -1),
        Recurrence(Frequency.WEEKLY, "MO", 1),
        Recurrence(Frequency.WEEKLY, "WE", 3),
    ],
)
def test_friendly_form_round_trips_through_the_rule(recurrence):
    assert parse_rule(recurrence.to_rrule()) == recurrence


def test_rules_the_form_cannot_express_are_not_parsed():
    assert parse_rule("FREQ=MONTHLY;BYMONTHDAY=15") is None
    assert parse_rule("FREQ=WEEKLY;BYDAY=MO,TH") is None
    assert parse_rule("n'importe quoi") is None


def test_unreadable_rules_are_refused():
    validate_rule("FREQ=MONTHLY;BYDAY=+2TU")
    with pytest.raises(ValueError):
        validate_rule("FREQ=SOMETIMES")
