"""The grid's select written in Python says what Django's templates say."""

from __future__ import annotations

import re

from django import forms
from django.utils.html import escape

from competences.forms import QuickSelect

CHOICES: list[tuple[object, object]] = [
    ("", "— non renseigné —"),
    ("chaque", "Chaque commune, en mairie"),
    (12, 'Saint-Jean <l\'Église> & "Co" (commune)'),
    (13, "Les Achards (EPCI)"),
    ("Groupe", [(14, "Syndicat A"), (15, "Syndicat <B>")]),
]


def _both(value: object, attrs: dict[str, object] | None = None) -> tuple[str, str]:
    quick = QuickSelect(choices=CHOICES).render("ligne-0-exercised_by", value, attrs)
    django = forms.Select(choices=CHOICES).render("ligne-0-exercised_by", value, attrs)
    return str(quick), re.sub(r"\n\s*", "", str(django))  # its indentation only


def test_renders_as_django_select_with_a_value_escaped_and_groups() -> None:
    for value in (None, "", 12, "13", 15, "chaque"):
        quick, django = _both(value, {"id": "id_ligne-0-exercised_by", "aria-invalid": True})
        assert quick == django
    quick, _django = _both(12)
    assert escape("<l'Église>") in quick and "<l'" not in quick
    assert '<option value="12" selected>' in quick
