"""The URLs of who answers what, with real objects, for codir/tests/test_url_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from competences.models import SharedService, SharedServiceDocument, TerritoryGuide
from competences.tests.factories import CompetenceFactory, ScenarioFactory
from conftest import World
from territories.models import Organisation


def _shared_service(world: World) -> SharedService:
    organisation = Organisation.objects.create(
        territory=world.territory, kind=Organisation.Kind.SHARED_SERVICE, name="Service ADS"
    )
    return SharedService.objects.create(territory=world.territory, organisation=organisation)


def _document(world: World) -> SharedServiceDocument:
    document = SharedServiceDocument(
        shared_service=_shared_service(world),
        title="Convention",
        original_name="convention.pdf",
        mime_type="application/pdf",
    )
    document.file.save("convention.pdf", _content(), save=True)
    return document


def _content() -> Any:
    from django.core.files.base import ContentFile

    return ContentFile(b"%PDF-1.4 test")


def _published(world: World) -> str:
    """The public page answers only once the administrator published it."""
    TerritoryGuide.objects.update_or_create(territory=world.territory, defaults={"published": True})
    return world.territory.siren


ROUTES: dict[str, Callable[[World], dict[str, Any]]] = {
    "competences:overview": lambda w: {"pk": w.territory.pk},
    "competences:load_reference": lambda w: {"pk": w.territory.pk},
    "competences:publish": lambda w: {"pk": w.territory.pk},
    "competences:defaults": lambda w: {"pk": w.territory.pk},
    "competences:defaults_edit": lambda w: {"pk": w.territory.pk},
    "competences:default_row": lambda w: {
        "pk": w.territory.pk,
        "competence_pk": CompetenceFactory.create(territory=w.territory).pk,
    },
    "competences:competence_create": lambda w: {"pk": w.territory.pk},
    "competences:competence_edit": lambda w: {
        "pk": CompetenceFactory.create(territory=w.territory).pk
    },
    "competences:commune": lambda w: {"pk": w.commune.pk},
    "competences:commune_edit": lambda w: {"pk": w.commune.pk},
    "competences:commune_row": lambda w: {
        "pk": w.commune.pk,
        "competence_pk": CompetenceFactory.create(territory=w.territory).pk,
    },
    "competences:mutualisation": lambda w: {"pk": w.territory.pk},
    "competences:pact_edit": lambda w: {"pk": w.territory.pk},
    "competences:shared_service_create": lambda w: {"pk": w.territory.pk},
    "competences:shared_service_edit": lambda w: {"pk": _shared_service(w).pk},
    "competences:shared_service_upload": lambda w: {"pk": _shared_service(w).pk},
    "competences:shared_service_document": lambda w: {"pk": _document(w).pk},
    "competences:scenarios": lambda w: {"pk": w.territory.pk},
    "competences:ruptures": lambda w: {"pk": w.territory.pk},
    "competences:scenario_edit": lambda w: {"pk": ScenarioFactory.create(territory=w.territory).pk},
    "competences:guide": lambda w: {"siren": _published(w)},
    "competences:guide_pdf": lambda w: {"siren": _published(w), "commune_pk": w.commune.pk},
}

# The public guidance page and its PDF: no login (an unpublished territory is a 404).
PUBLIC = {"competences:guide", "competences:guide_pdf"}
