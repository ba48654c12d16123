"""The register URLs, with real objects, for codir/tests/test_url_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from conftest import World
from decisions.models import Decision, Process, RegisterExportJob
from decisions.register.services import decision_record


def make_decision(world: World) -> Decision:
    return decision_record(
        body=world.body,
        kind=Decision.Kind.DECISION,
        process=Process.CONSENT,
        title="Mutualiser les achats de fournitures",
        text="Les communes achètent ensemble leurs fournitures.",
    )


def make_export_job(
    world: World, status: str = RegisterExportJob.Status.READY
) -> RegisterExportJob:
    """A prepared export of the administrator's (the URL walk's client for every page)."""
    job = RegisterExportJob(
        requested_by=world.admin,
        territory=world.territory,
        kind=RegisterExportJob.Kind.PDF,
        source=world.territory.name,
        status=status,
        filename="releve.pdf",
        size=4,
        expires_at=timezone.now() + timedelta(hours=1),
    )
    job.file.save("walk/releve.pdf", ContentFile(b"%PDF"), save=False)
    job.save()
    return job


ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "decisions:register": lambda w: {"territory_pk": w.territory.pk},
    "decisions:register_pdf": lambda w: {"territory_pk": w.territory.pk},
    "decisions:register_odt": lambda w: {"territory_pk": w.territory.pk},
    "decisions:register_csv": lambda w: {"territory_pk": w.territory.pk},
    "decisions:register_export_request": lambda w: {"territory_pk": w.territory.pk},
    "decisions:register_export": lambda w: {"pk": make_export_job(w).pk},
    "decisions:register_export_download": lambda w: {"pk": make_export_job(w).pk},
    "decisions:register_export_retry": lambda w: {"pk": make_export_job(w).pk},
    "decisions:body_register": lambda w: {"body_pk": w.body.pk},
    "decisions:body_register_pdf": lambda w: {"body_pk": w.body.pk},
    "decisions:body_register_odt": lambda w: {"body_pk": w.body.pk},
    "decisions:body_register_csv": lambda w: {"body_pk": w.body.pk},
    "decisions:body_register_export_request": lambda w: {"body_pk": w.body.pk},
    "decisions:decision": lambda w: {"pk": make_decision(w).pk},
    "decisions:decision_participants": lambda w: {"pk": make_decision(w).pk},
    "decisions:decision_amend": lambda w: {"pk": make_decision(w).pk},
    "decisions:decision_supersede": lambda w: {"pk": make_decision(w).pk},
}
