"""Dates typed by hand: the browser's picker sends ISO 8601, but a browser without one
(or a person typing) writes "25/12/2026"; the label says which format is expected."""

from __future__ import annotations

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from conftest import World
from followup.forms import ImplementationForm
from followup.models import Status

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["25/12/2026", "2026-12-25", "25/12/26"])
def test_done_on_reads_a_french_date_typed_by_hand(world: World, typed: str) -> None:
    with translation.override("fr"):
        form = ImplementationForm(data={"status": Status.DONE, "done_on": typed}, body=world.body)
        assert form.is_valid(), form.errors
    assert form.cleaned_data["done_on"] == date(2026, 12, 25)


def test_a_date_field_says_its_format_in_its_label(world: World) -> None:
    with translation.override("fr"):
        form = ImplementationForm(body=world.body)
        html = render_to_string("core/_field.html", {"field": form["done_on"]})
    assert 'type="date"' in html
    assert 'Fait le <span class="label-format">(jj/mm/aaaa)</span>' in html
    assert 'placeholder="jj/mm/aaaa"' in html
    # Not on other fields.
    note = render_to_string("core/_field.html", {"field": form["note"]})
    assert "jj/mm/aaaa" not in note
