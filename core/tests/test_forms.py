"""core.forms.LongSelect writes the same select as Django's."""

from __future__ import annotations

import re

from django import forms

from core.forms import LongSelect

CHOICES = [("", "Toutes"), (1, "Ahetze"), (2, "Saint-Pée <sur> Nivelle")]


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def test_it_writes_what_djangos_select_writes():
    for value in (None, "", "2", 2):
        attrs = {"id": "id_org", "aria-describedby": "id_org_helptext"}
        expected = forms.Select(choices=CHOICES).render("org", value, attrs)
        assert LongSelect(choices=CHOICES).render("org", value, attrs) == _normalised(expected)


def test_it_escapes_labels_and_marks_the_choice():
    html = LongSelect(choices=CHOICES).render("org", "2")
    assert '<option value="2" selected>Saint-Pée &lt;sur&gt; Nivelle</option>' in html
    assert '<option value="1">' in html


def test_option_groups_fall_back_to_djangos_rendering():
    grouped = [("Communes", [(1, "Ahetze")]), ("", "Aucune")]
    html = LongSelect(choices=grouped).render("org", "1")
    assert "<optgroup" in html and "selected" in html
