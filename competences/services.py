"""Writes of who answers what, each in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Person
from competences.models import (
    Competence,
    Exercise,
    Scenario,
    ScenarioStep,
    SharedService,
    SharedServiceDocument,
)
from competences.reference import reference_competences, reference_scenarios
from documents.files import check_upload, safe_filename, user_basename
from territories.models import Organisation, Territory


def reference_load(*, territory: Territory) -> int:
    """Copy the reference competences and scenarios the territory lacks (by code); what it
    has, renamed or not, is left alone. Returns the number of competences added."""
    with transaction.atomic():
        have = set(Competence.objects.filter(territory=territory).values_list("code", flat=True))
        added = [
            Competence(
                territory=territory,
                code=item["code"],
                name=item["name"],
                group=item["group"],
                mandatory=territory.epci_type in item["mandatory_for"],
                sources="\n".join(item["sources"]),
                keywords=", ".join(item["keywords"]),
                description=item.get("description", ""),
                order=(index + 1) * 10,
            )
            for index, item in enumerate(reference_competences())
            if item["code"] not in have
        ]
        Competence.objects.bulk_create(added)
        by_code = {c.code: c for c in Competence.objects.filter(territory=territory)}
        have_scenarios = set(
            Scenario.objects.filter(territory=territory).values_list("code", flat=True)
        )
        for index, item in enumerate(reference_scenarios()):
            if item["code"] in have_scenarios:
                continue
            scenario = Scenario.objects.create(
                territory=territory,
                code=item["code"],
                title=item["title"],
                description=item["description"],
                order=(index + 1) * 10,
            )
            ScenarioStep.objects.bulk_create(
                ScenarioStep(
                    scenario=scenario,
                    order=(number + 1) * 10,
                    title=step["title"],
                    competence=by_code[step["competence"]],
                )
                for number, step in enumerate(item["steps"])
                if step["competence"] in by_code
            )
    return len(added)


@dataclass
class GridRow:
    """A row of the grid as the form left it, with what held when it was shown."""

    competence: Competence
    held: Exercise | None  # what held (the commune's own row or the default)
    data: dict[str, Any]


FIELDS = ("counter", "hours", "phone", "email", "website", "guidance", "internal_note")


def grid_save(
    *,
    territory: Territory,
    commune: Organisation | None,
    rows: list[GridRow],
    organisations: dict[int, Organisation | None],
    actor: Person,
) -> int:
    """Record the grid of a commune (or the territory's defaults when commune is None) in
    one transaction: a changed row with a new date is a transfer (a new dated row, the
    old one stays as history); a changed row with the same date corrects the commune's
    own row. Returns the number of rows written."""
    written = 0
    with transaction.atomic():
        for row in rows:
            data = row.data
            chosen = data.get("exercised_by") or 0
            organisation = organisations.get(chosen)
            since: date | None = data.get("since")
            if chosen not in organisations or since is None:
                raise ValidationError(
                    _("« %(name)s » : dites qui exerce la compétence et depuis quand.")
                    % {"name": row.competence.name}
                )
            held = row.held
            if held is not None and since < held.since:
                raise ValidationError(
                    _("« %(name)s » : la date précède celle de la ligne en vigueur.")
                    % {"name": row.competence.name}
                )
            values = {name: data.get(name) or "" for name in FIELDS}
            own = held is not None and held.commune_id == (commune.pk if commune else None)
            if own and held is not None and since == held.since:
                for name, value in values.items():
                    setattr(held, name, value)
                held.exercised_by = organisation
                held.recorded_by = actor
                held.save()
            else:
                Exercise.objects.create(
                    territory=territory,
                    competence=row.competence,
                    commune=commune,
                    exercised_by=organisation,
                    since=since,
                    recorded_by=actor,
                    **values,
                )
            written += 1
    return written


def shared_service_save(
    *,
    territory: Territory,
    service: SharedService | None,
    name: str,
    communes: list[Organisation],
    description: str,
    agreement_start: date | None,
    agreement_end: date | None,
) -> SharedService:
    """Create or update a service commun and its organisation (kind "service commun",
    attached to the EPCI), in one transaction."""
    with transaction.atomic():
        if service is None:
            epci = Organisation.objects.filter(
                territory=territory, kind=Organisation.Kind.EPCI
            ).first()
            organisation = Organisation.objects.create(
                territory=territory,
                kind=Organisation.Kind.SHARED_SERVICE,
                name=name,
                parent=epci,
            )
            service = SharedService(territory=territory, organisation=organisation)
        else:
            organisation = service.organisation
            if organisation.name != name:
                organisation.name = name
                organisation.save(update_fields=["name"])
        service.description = description
        service.agreement_start = agreement_start
        service.agreement_end = agreement_end
        service.full_clean(exclude=["organisation", "communes"])
        service.save()
        service.communes.set(communes)
    return service


def shared_document_upload(
    *, service: SharedService, upload: UploadedFile, title: str, actor: Person | None
) -> SharedServiceDocument:
    """Store an agreement's document, checked as the documents app checks its files."""
    mime = check_upload(upload)
    original = user_basename(upload.name or "")
    document = SharedServiceDocument(
        shared_service=service,
        title=title or original,
        original_name=original,
        mime_type=mime,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    with transaction.atomic():
        document.file.save(safe_filename(original), upload, save=False)
        document.save()
    return document
