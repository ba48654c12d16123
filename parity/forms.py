"""The period a parity page covers: from a start to an end day, read from the address
(a GET form, so that the page can be bookmarked and its CSV links carry the period)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from territories.forms import DateInput

# Ten years covers any body's history; a longer span is a typo (2062 for 2026).
LONGEST_PERIOD = timedelta(days=3660)
EARLIEST = date(2000, 1, 1)


class PeriodForm(Form):
    start = forms.DateField(label=_("Du"), widget=DateInput())
    end = forms.DateField(label=_("Au"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start is not None and start < EARLIEST:
            self.add_error("start", _("Choisissez une date à partir de l’an 2000."))
        if start is not None and end is not None:
            if end < start:
                self.add_error("end", _("La fin de la période doit suivre son début."))
            elif end - start > LONGEST_PERIOD:
                self.add_error("end", _("Choisissez une période de dix ans au plus."))
        return data
