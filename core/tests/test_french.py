"""French typography filters (core/templatetags/french.py), builtin in every template."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from core.french import a_name, agree, de_name, french_date, mid_sentence


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


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (date(2027, 1, 1), "j F Y", "1er janvier 2027"),
        (date(2027, 1, 1), "DATE_FORMAT", "1er janvier 2027"),  # a format's name
        (date(2027, 1, 2), "DATE_FORMAT", "2 janvier 2027"),
        (date(2026, 12, 1), "l j F", "mardi 1er décembre"),
        (date(2027, 1, 1), "d/m/Y", "01/01/2027"),
        (None, "j F Y", ""),
    ],
)
def test_french_date_writes_1er_in_python(value: date | None, fmt: str, expected: str) -> None:
    assert french_date(value, fmt) == expected


def test_french_date_shows_the_local_day_of_an_aware_datetime() -> None:
    # 23:30 UTC on 31 January is 00:30 on 1 February in Paris.
    moment = datetime(2027, 1, 31, 23, 30, tzinfo=UTC)
    assert french_date(moment, "j F Y à H:i") == "1er février 2027 à 00:30"


def test_french_date_and_names_in_english() -> None:
    with translation.override("en"):
        assert french_date(date(2027, 1, 1), "j F Y") == "1 January 2027"
        assert de_name("Amandine Rocher") == "of Amandine Rocher"
        assert a_name("Le Girouard") == "at Le Girouard"


def test_python_names_match_the_filters() -> None:
    for name in ("Le Girouard", "Les Achards", "Amandine Rocher", "Martinet"):
        assert de_name(name) == render("{{ n|de_name }}", n=name)
        assert a_name(name) == render("{{ n|a_name }}", n=name)


@pytest.mark.parametrize(
    ("label", "agreement", "expected"),
    [
        ("animateur·rice", "f", "animatrice"),
        ("animateur·rice", "m", "animateur"),
        ("animateur·rice", "", "animateur·rice"),
        ("directeur·rice général·e des services", "f", "directrice générale des services"),
        ("directeur·rice général·e des services", "m", "directeur général des services"),
        ("directeur·rice général·e adjoint·e", "f", "directrice générale adjointe"),
        ("délégué·e", "f", "déléguée"),
        ("invité·e", "m", "invité"),
        ("assistant·e de direction", "f", "assistante de direction"),
        ("auteur·rices", "m", "auteurs"),
        ("secrétaire de séance", "f", "secrétaire de séance"),
        ("facilitator", "f", "facilitator"),
    ],
)
def test_agree_names_a_person_as_they_asked(label: str, agreement: str, expected: str) -> None:
    assert agree(label, agreement) == expected


def test_agreed_filter_reads_the_persons_choice() -> None:
    class Someone:
        agreement = "f"

    assert render("{{ role|agreed:person }}", role="animateur·rice", person=Someone()) == (
        "animatrice"
    )
    assert render("{{ role|agreed:None }}", role="animateur·rice") == "animateur·rice"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Conseillère technique", "conseillère technique"),
        ("Directrice de l’Office de tourisme", "directrice de l’Office de tourisme"),
        ("DGS de Martinet", "DGS de Martinet"),
        ("CCAS", "CCAS"),
        ("McKenzie", "McKenzie"),
        ("A", "A"),
        ("secrétaire de mairie", "secrétaire de mairie"),
        ("", ""),
    ],
)
def test_mid_sentence_lowers_a_function_not_an_acronym(value: str, expected: str) -> None:
    with translation.override("fr"):
        assert mid_sentence(value) == expected
        assert render("au titre de {{ v|mid_sentence }}", v=value) == f"au titre de {expected}"


def test_mid_sentence_leaves_english_as_typed() -> None:
    with translation.override("en"):
        assert mid_sentence("Technical Adviser") == "Technical Adviser"


def test_agreed_escapes_once() -> None:
    class Someone:
        agreement = "m"

    source = (
        "{% blocktranslate asvar s with body=name %}Vous êtes convoqué·e à « {{ body }} »"
        "{% endblocktranslate %}{{ s|agreed:person }} {{ raw|agreed:person }}"
    )
    out = render(
        "{% load i18n %}" + source, name="Groupe d'achats", raw="<b>élu·e</b>", person=Someone()
    )
    assert out == "Vous êtes convoqué à « Groupe d&#x27;achats » &lt;b&gt;élu&lt;/b&gt;"
