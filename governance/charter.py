"""Writes of the charter: its draft, saved from the charter form. Its submission and
adoption follow the one path of governance/services.py."""

from __future__ import annotations

from datetime import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Person
from bodies.models import Body
from governance.models import Charter
from governance.recurrence import validate_rule
from governance.services import check_editable, draft_start


def _check_charter(charter: Charter) -> None:
    errors: dict[str, str] = {}
    try:
        validate_rule(charter.recurrence)
    except (ValueError, TypeError):
        errors["recurrence"] = _("Cette règle de fréquence n'est pas lisible.")
    if charter.end_time <= charter.start_time:
        errors["end_time"] = _("L'heure de fin doit suivre l'heure de début.")
    if charter.place_mode == Charter.PlaceMode.FIXED and not charter.fixed_place.strip():
        errors["fixed_place"] = _("Indiquez le lieu fixe des réunions.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def charter_draft_save(
    *,
    body: Body,
    attendance: str,
    recurrence: str,
    start_time: time,
    end_time: time,
    place_mode: str,
    standing_guests: str = "",
    fixed_place: str = "",
    notice_days: int = 7,
    minutes_writer: str = "",
    minutes_review_days: int = 10,
    facilitation_mode: str = Charter.FacilitationMode.ROTATING,
    secretary_runs_meetings: bool = False,
    ethical_rules: str = "",
    mirrors_per_year: int | None = None,
    created_by: Person | None = None,
) -> Charter:
    """Write the body's next charter version. While it is not adopted it stays a draft,
    and saving again changes that draft (not while it is submitted for adoption); an
    adopted version is never changed: the next save starts a new version, copied from
    it. An empty `minutes_writer` or `ethical_rules` keeps what the draft says."""
    charter = draft_start(Charter, body=body, created_by=created_by)
    charter = Charter.objects.select_for_update().get(pk=charter.pk)
    check_editable(charter)
    charter.attendance = attendance
    charter.standing_guests = standing_guests
    charter.recurrence = recurrence.strip().upper()
    charter.start_time = start_time
    charter.end_time = end_time
    charter.place_mode = place_mode
    charter.fixed_place = fixed_place.strip() if place_mode == Charter.PlaceMode.FIXED else ""
    charter.notice_days = notice_days
    charter.minutes_writer = minutes_writer or charter.minutes_writer
    charter.minutes_review_days = minutes_review_days
    charter.facilitation_mode = facilitation_mode
    charter.secretary_runs_meetings = secretary_runs_meetings
    charter.ethical_rules = ethical_rules or str(charter.ethical_rules)
    charter.mirrors_per_year = mirrors_per_year
    _check_charter(charter)
    charter.full_clean()
    charter.save()
    return charter
