"""The members' pages: the overview, the mutualisation with its services communs and
documents, the pacte, the scenarios and their ruptures with the agenda link; and the
query count of every list."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from competences import selectors, services
from competences.models import Competence, Exercise, Scenario, SharedService, TerritoryGuide
from competences.tests.factories import ScenarioFactory, StepFactory
from conftest import World
from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory
from territories.models import Organisation


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _commune(world: World, n: int) -> Organisation:
    return Organisation.objects.create(
        territory=world.territory,
        kind=Organisation.Kind.COMMUNE,
        name=f"Commune {n}",
        insee_code=f"97{n:03d}",
    )


def _everything_elsewhere(world: World) -> None:
    """Each step of the scenarios goes to a different organisation: every scenario of
    every commune is a rupture."""
    for competence in Competence.objects.filter(territory=world.territory):
        organisation = Organisation.objects.create(
            territory=world.territory, kind=Organisation.Kind.PARTNER, name=competence.code
        )
        Exercise.objects.create(
            territory=world.territory,
            competence=competence,
            exercised_by=organisation,
            since=date(2020, 1, 1),
        )


@pytest.mark.django_db
def test_list_pages_keep_their_query_count(world: World, admin_client_: Client) -> None:
    services.reference_load(territory=world.territory)
    _everything_elsewhere(world)
    urls = [
        reverse("competences:overview", args=[world.territory.pk]),
        reverse("competences:defaults", args=[world.territory.pk]),
        reverse("competences:mutualisation", args=[world.territory.pk]),
        reverse("competences:scenarios", args=[world.territory.pk]),
        reverse("competences:ruptures", args=[world.territory.pk]),
    ]
    MeetingFactory.create(body=world.body)

    def add(n: int) -> None:
        commune = _commune(world, n)
        Exercise.objects.create(
            territory=world.territory,
            competence=Competence.objects.filter(territory=world.territory)[0],
            commune=commune,
            exercised_by=commune,
            since=date(2021, 1, 1),
        )
        services.shared_service_save(
            territory=world.territory,
            service=None,
            name=f"Service {n}",
            communes=[commune],
            description="",
            agreement_start=None,
            agreement_end=None,
        )

    add(0)
    _count(admin_client_, urls[0])  # the territory's settings are created on first sight
    before = {url: _count(admin_client_, url) for url in urls}
    for n in range(1, 5):
        add(n)
    after = {url: _count(admin_client_, url) for url in urls}
    assert after == before
    # At most a dozen queries each (session, user, roles, the page's own reads).
    assert max(after.values()) <= 12, after


@pytest.mark.django_db
def test_the_rupture_links_to_the_codirs_next_open_meeting(
    world: World, member_client: Client
) -> None:
    services.reference_load(territory=world.territory)
    _everything_elsewhere(world)
    MeetingFactory.create(body=world.body, status=Meeting.Status.HELD)
    meeting = MeetingFactory.create(body=world.body, status=Meeting.Status.AGENDA_OPEN)
    response = member_client.get(reverse("competences:ruptures", args=[world.territory.pk]))
    ruptures = response.context["ruptures"]
    assert {r.scenario.code for r in ruptures} >= {"construire", "emmenager"}
    href = next(r.proposal_url for r in ruptures if r.scenario.code == "construire")
    assert href in response.content.decode().replace("&amp;", "&")
    parts = urlsplit(href)
    assert parts.path == reverse("meetings:item_propose", args=[meeting.pk])
    params = parse_qs(parts.query)
    assert params["titre"] == ["Rupture de parcours : « Je construis » à Saint-Essai"]
    assert "6 organisations" in params["texte"][0]


@pytest.mark.django_db
def test_a_communes_own_rows_and_the_defaults_decide_its_ruptures(world: World) -> None:
    scenario = ScenarioFactory.create(territory=world.territory)
    steps = [StepFactory.create(scenario=scenario) for _index in range(3)]
    partner = Organisation.objects.create(
        territory=world.territory, kind=Organisation.Kind.PARTNER, name="Partenaire"
    )
    # The defaults send the user to the EPCI, to the commune itself, then to a partner.
    for step, who in zip(steps, [world.epci, None, partner], strict=True):
        Exercise.objects.create(
            territory=world.territory,
            competence=step.competence,
            exercised_by=who,
            since=date(2020, 1, 1),
        )
    other = _commune(world, 1)
    # Its own row of the same date wins over the default: the EPCI and the partner only.
    Exercise.objects.create(
        territory=world.territory,
        competence=steps[1].competence,
        commune=other,
        exercised_by=world.epci,
        since=date(2020, 1, 1),
    )
    # A row still to come does not count yet.
    Exercise.objects.create(
        territory=world.territory,
        competence=steps[1].competence,
        commune=world.commune,
        exercised_by=world.epci,
        since=date(2999, 1, 1),
    )
    found = [r for r in selectors.ruptures(world.territory) if r.scenario == scenario]
    assert [(r.commune, r.organisations) for r in found] == [
        (world.commune, [world.epci, world.commune, partner])
    ]


@pytest.mark.django_db
def test_without_an_open_meeting_there_is_no_link(world: World, member_client: Client) -> None:
    services.reference_load(territory=world.territory)
    _everything_elsewhere(world)
    response = member_client.get(reverse("competences:ruptures", args=[world.territory.pk]))
    assert response.context["ruptures"] and response.context["meeting"] is None
    assert "Inscrire à l’ordre du jour</a>" not in response.content.decode()


@pytest.mark.django_db
def test_the_admin_creates_a_shared_service_and_uploads_its_agreement(
    world: World, admin_client_: Client
) -> None:
    url = reverse("competences:shared_service_create", args=[world.territory.pk])
    response = admin_client_.post(
        url,
        {
            "name": "Service commun ADS",
            "communes": [world.commune.pk],
            "agreement_start": "2015-07-01",
            "agreement_end": "2014-01-01",
        },
    )
    assert "La fin de la convention suit son début." in response.content.decode()
    response = admin_client_.post(
        url,
        {
            "name": "Service commun ADS",
            "communes": [world.commune.pk],
            "agreement_start": "2015-07-01",
        },
    )
    service = SharedService.objects.get()
    assert service.organisation.kind == Organisation.Kind.SHARED_SERVICE
    assert service.organisation.parent == world.epci
    assert list(service.communes.all()) == [world.commune]
    upload = reverse("competences:shared_service_upload", args=[service.pk])
    fake = SimpleUploadedFile("convention.pdf", b"not a pdf", "application/pdf")
    response = admin_client_.post(upload, {"file": fake, "title": ""})
    assert response.status_code == 400
    assert "ne correspond pas à son extension" in response.content.decode()
    pdf = SimpleUploadedFile("Convention ADS.pdf", b"%PDF-1.4 convention", "application/pdf")
    assert admin_client_.post(upload, {"file": pdf, "title": ""}).status_code == 302
    document = service.documents.get()
    assert document.title == "Convention ADS.pdf" and document.mime_type == "application/pdf"
    downloaded = admin_client_.get(document.get_absolute_url())
    assert b"".join(downloaded.streaming_content) == b"%PDF-1.4 convention"  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_members_read_the_pact_rendered_and_only_admins_edit_it(
    world: World, admin_client_: Client, member_client: Client
) -> None:
    url = reverse("competences:pact_edit", args=[world.territory.pk])
    assert member_client.get(url).status_code == 403
    response = admin_client_.post(
        url, {"pact_text": "## Article 1\n\n<script>alert(1)</script>", "pact_date": "2021-03-25"}
    )
    assert response.status_code == 302
    page = member_client.get(reverse("competences:mutualisation", args=[world.territory.pk]))
    content = page.content.decode()
    assert "<h2>Article 1</h2>" in content or "Article 1</h2>" in content
    assert "<script>alert(1)</script>" not in content


@pytest.mark.django_db
def test_publishing_is_the_admins_choice(
    world: World, admin_client_: Client, member_client: Client, client: Client
) -> None:
    url = reverse("competences:publish", args=[world.territory.pk])
    guide = reverse("competences:guide", args=[world.territory.siren])
    assert client.get(guide).status_code == 404  # off by default
    assert member_client.post(url, {"published": "1"}).status_code == 403
    assert admin_client_.post(url, {"published": "1"}).status_code == 302
    assert TerritoryGuide.objects.get(territory=world.territory).published
    assert client.get(guide).status_code == 200


@pytest.mark.django_db
def test_the_codir_edits_its_scenario(
    world: World, admin_client_: Client, member_client: Client
) -> None:
    services.reference_load(territory=world.territory)
    scenario = Scenario.objects.get(territory=world.territory, code="deces")
    url = reverse("competences:scenario_edit", args=[scenario.pk])
    assert member_client.get(url).status_code == 403
    steps = list(scenario.steps.all())
    waste = Competence.objects.get(territory=world.territory, code="dechets")
    data: dict[str, Any] = {
        "title": "Un décès dans la famille",
        "description": "",
        "etape-TOTAL_FORMS": str(len(steps) + 1),
        "etape-INITIAL_FORMS": str(len(steps)),
        "etape-MIN_NUM_FORMS": "0",
        "etape-MAX_NUM_FORMS": "1000",
    }
    for index, step in enumerate(steps):
        data[f"etape-{index}-id"] = step.pk
        data[f"etape-{index}-title"] = step.title
        data[f"etape-{index}-competence"] = step.competence_id
    data["etape-0-DELETE"] = "on"
    data[f"etape-{len(steps)}-title"] = "Vider la maison"
    data[f"etape-{len(steps)}-competence"] = waste.pk
    assert admin_client_.post(url, data).status_code == 302
    scenario.refresh_from_db()
    assert scenario.title == "Un décès dans la famille"
    assert [s.title for s in scenario.steps.all()][-1] == "Vider la maison"
    assert scenario.steps.count() == len(steps)


@pytest.mark.django_db
def test_the_reference_loads_from_the_overview(world: World, admin_client_: Client) -> None:
    overview = reverse("competences:overview", args=[world.territory.pk])
    assert "Charger le référentiel" in admin_client_.get(overview).content.decode()
    admin_client_.post(reverse("competences:load_reference", args=[world.territory.pk]))
    assert Competence.objects.filter(territory=world.territory).count() > 25


@pytest.mark.django_db
def test_the_territory_adds_its_own_competence(world: World, admin_client_: Client) -> None:
    url = reverse("competences:competence_create", args=[world.territory.pk])
    data = {"name": "Fourrière animale", "group": "communale", "keywords": "chien", "order": 5}
    assert admin_client_.post(url, data).status_code == 302
    assert admin_client_.post(url, data).status_code == 302
    codes = sorted(
        Competence.objects.filter(territory=world.territory).values_list("code", flat=True)
    )
    assert codes == ["territoire-fourriere-animale", "territoire-fourriere-animale-2"]
    assert all(c.is_custom for c in Competence.objects.filter(territory=world.territory))


@pytest.mark.django_db
def test_the_scenarios_open_on_the_secretarys_own_commune(
    world: World, member_client: Client
) -> None:
    services.reference_load(territory=world.territory)
    Organisation.objects.create(
        territory=world.territory, kind=Organisation.Kind.COMMUNE, name="Aaaa", insee_code="97999"
    )
    url = reverse("competences:scenarios", args=[world.territory.pk])
    response = member_client.get(url)
    assert response.status_code == 200
    assert response.context["chosen"] == world.commune
    # Her choice of another commune still wins.
    other = Organisation.objects.get(name="Aaaa")
    assert member_client.get(f"{url}?commune={other.pk}").context["chosen"] == other
