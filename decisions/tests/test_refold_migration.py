"""Migration 0004 folds again the search text of entries written before the two folds of
the project became one: the ligatures are spelled out, other entries are left alone."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from decisions.models import Decision
from decisions.tests.register_helpers import record

pytestmark = pytest.mark.django_db

migration = importlib.import_module("decisions.migrations.0007_refold_search_text")


def test_old_search_text_with_a_ligature_is_folded_again(world):
    old = record(world.body, title="Vœu du codir")
    plain = record(world.body, title="Achats groupés")
    # As the former fold wrote it: accents removed, ligatures kept.
    Decision._base_manager.filter(pk=old.pk).update(search_text=f"{old.reference}\nvœu du codir")
    plain_text = Decision.objects.get(pk=plain.pk).search_text

    migration.refold(apps, None)

    assert Decision.objects.get(pk=old.pk).search_text == f"{old.reference}\nvoeu du codir"
    assert Decision.objects.get(pk=plain.pk).search_text == plain_text
