"""The platform operator's Django admin: every registered model's list, add and change
pages render, and a person without staff rights is kept out."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import InvitationFactory, PersonFactory
from conftest import World, client_for

pytestmark = pytest.mark.django_db

MODELS = [model for model in admin.site._registry if model._meta.app_label != "auth"]
# The audit trail and the login-failure logs are read-only: no add page there.
OURS = [model for model in MODELS if model._meta.app_label in {"accounts", "territories", "bodies"}]


def admin_url(model: type[Model], view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def operator_client(world: World) -> Client:
    InvitationFactory.create(territory=world.territory)
    return client_for(PersonFactory.create(is_staff=True, is_superuser=True))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_operator_opens_every_list(model: type[Model], operator_client: Client) -> None:
    assert operator_client.get(admin_url(model, "changelist")).status_code == 200


@pytest.mark.parametrize("model", OURS, ids=lambda m: m._meta.label)
def test_operator_opens_add_and_change_pages(model: type[Model], operator_client: Client) -> None:
    instance = model._default_manager.first()
    assert instance is not None
    assert operator_client.get(admin_url(model, "add")).status_code == 200
    assert operator_client.get(admin_url(model, "change", instance.pk)).status_code == 200


def test_a_territory_administrator_is_not_an_operator(world: World) -> None:
    response = client_for(world.admin).get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
