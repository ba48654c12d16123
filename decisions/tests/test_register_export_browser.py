"""In headless Chromium: a large register export asked for, followed on its page (htmx
polls it, under the Content Security Policy), then downloaded; the pages pass axe-core."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from accounts.tests.browser import assert_accessible, log_in, screenshot
from conftest import World
from decisions.models import RegisterExportJob
from decisions.register import export_jobs
from decisions.tests.register_helpers import record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_large_export_is_prepared_followed_and_downloaded(
    world: World, new_page: Any, settings: Any
) -> None:
    settings.CODIR_EXPORT_SYNC_MAX = 1
    # The queue keeps the task (as db_worker would, later): the page must wait for it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    record(world.body, title="Groupement de commandes", decided_on=date(2026, 2, 3))
    record(world.body, title="Programme de voirie", decided_on=date(2026, 3, 1))
    page = new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    log_in(page, world.member.email)
    page.goto(reverse("decisions:register", args=[world.territory.pk]))
    page.get_by_role("link", name="PDF/A du relevé affiché").click()
    page.wait_for_load_state("networkidle")
    assert "Ce relevé compte 2 décisions" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Préparer le PDF/A").click()
    page.wait_for_load_state("networkidle")
    assert "En attente" in page.content()
    assert_accessible(page)
    screenshot(page, "export-du-releve-en-attente")
    job = RegisterExportJob.objects.get()
    export_jobs.export_build(job_id=job.pk)  # the worker's turn
    # No reload: htmx asks for the fragment every two seconds and swaps it in.
    link = page.get_by_role("link", name="Télécharger")
    link.wait_for(timeout=8_000)
    assert "Le fichier est prêt." in page.content()
    assert_accessible(page)
    screenshot(page, "export-du-releve-pret")
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    assert refused == []
