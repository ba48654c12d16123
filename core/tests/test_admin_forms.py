"""The operator's admin pages clean text like every other form (core.admin_base): a
line break in a body's name typed in the admin is refused, as it is on the site."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from accounts.tests.factories import PersonFactory
from bodies.models import Body
from core.forms import CleanTextMixin

PROJECT_APPS = {
    "accounts",
    "bodies",
    "territories",
    "meetings",
    "governance",
    "followup",
    "decisions",
    "minutes",
    "documents",
    "elections",
}


def project_admins() -> list[admin.ModelAdmin]:
    return [
        model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PROJECT_APPS
    ]


@pytest.mark.django_db
def test_every_admin_form_of_the_project_cleans_text():
    request = RequestFactory().get("/admin/")
    request.user = PersonFactory.create(is_staff=True, is_superuser=True)
    admins = project_admins()
    assert admins
    for model_admin in admins:
        for obj in (None, model_admin.model()):
            form = model_admin.get_form(request, obj)
            assert issubclass(form, CleanTextMixin), (model_admin, obj)
        for inline in model_admin.inlines:
            assert issubclass(inline.form, CleanTextMixin), inline


def test_a_line_break_in_a_body_name_is_refused_in_the_admin(world, rf):
    request = rf.get("/admin/")
    request.user = PersonFactory.create(is_staff=True, is_superuser=True)
    form_class = admin.site._registry[Body].get_form(request, None)
    form = form_class(
        data={
            "name": "Conférence\r\nBcc: x@example.fr",
            "territory": world.territory.pk,
            "kind": world.body.kind,
            "circle": world.body.circle,
        }
    )
    assert not form.is_valid()
    assert "name" in form.errors


@pytest.mark.django_db
def test_every_admin_add_page_still_opens(client):
    operator = PersonFactory.create(is_staff=True, is_superuser=True)
    client.force_login(operator)
    for model_admin in project_admins():
        meta = model_admin.model._meta
        response = client.get(f"/admin/{meta.app_label}/{meta.model_name}/add/")
        assert response.status_code in (200, 403), (meta.label, response.status_code)
    response = client.get(f"/admin/accounts/person/{operator.pk}/change/")
    assert response.status_code == 200
