"""French typography filters (core/templatetags/french.py), builtin in every template."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation


def render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (date(2027, 1, 1), "j F Y", "1er janvier 2027"),
        (date(2027, 1, 1), "l j F Y", "vendredi 1er janvier 2027"),
        (date(2027, 1, 2), "j F Y", "2 janvier 2027"),
        (date(2027, 1, 1), "j/m/Y", "1/01/2027"),  # no month name: no "er"
        (date(2027, 1, 1), "Y-m-d", "2027-01-01"),
        (datetime(2026, 12, 1, 9, 0), "j F à H:i", "1er décembre à 09:00"),
        (date(2026, 12, 11), "j F", "11 décembre"),
    ],
)
def test_first_of_the_month_is_1er(value: date, fmt: str, expected: str) -> None:
    assert render("{{ d|date:fmt }}", d=value, fmt=fmt) == expected


def test_english_dates_are_left_alone() -> None:
    with translation.override("en"):
        assert render('{{ d|date:"j F Y" }}', d=date(2027, 1, 1)) == "1 January 2027"


@pytest.mark.parametrize(
    ("size", "expected"),
    [(1, "1 octet"), (20, "20 octets"), (2048, "2\u00a0Ko"), (3_500_000, "3,3\u00a0Mo")],
)
def test_sizes_in_ko_and_mo(size: int, expected: str) -> None:
    assert render("{{ s|filesizeformat }}", s=size) == expected


@pytest.mark.parametrize(
    ("name", "de", "a"),
    [
        ("Martinet", "de Martinet", "à Martinet"),
        ("Le Girouard", "du Girouard", "au Girouard"),
        ("Les Achards", "des Achards", "aux Achards"),
        ("La Chapelle-Hermier", "de La Chapelle-Hermier", "à La Chapelle-Hermier"),
        ("Amandine Rocher", "d’Amandine Rocher", "à Amandine Rocher"),
        ("Hélène Vasseur", "d’Hélène Vasseur", "à Hélène Vasseur"),
        ("Yves", "d’Yves", "à Yves"),
        ("Yannick Le Goff", "de Yannick Le Goff", "à Yannick Le Goff"),
        ("Hautefort", "de Hautefort", "à Hautefort"),  # aspirated h
        ("", "", ""),
    ],
)
def test_names_after_de_and_a(name: str, de: str, a: str) -> None:
    assert render("{{ n|de_name }}|{{ n|a_name }}", n=name) == f"{de}|{a}"


def test_names_in_english() -> None:
    with translation.override("en"):
        assert render("{{ n|de_name }}", n="Le Girouard") == "of Le Girouard"
