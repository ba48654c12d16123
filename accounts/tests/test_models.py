"""A person's folded search text, which the directory searches."""

from __future__ import annotations

import pytest
from django.db import connection

from accounts.models import Person
from accounts.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_search_text_is_the_folded_names_and_texts_one_per_line():
    person = PersonFactory.create(
        first_name="Élodie", last_name="Lœuvre", expertise="Cybersécurité", projects="Écoles"
    )
    assert person.search_text == "elodie\nloeuvre\n\ncybersecurite\necoles"


def test_saving_only_a_searched_text_updates_the_search_text():
    person = PersonFactory.create(first_name="Marc", expertise="")
    person.expertise = "Marchés publics"
    person.save(update_fields=["expertise"])
    assert "marches publics" in Person.objects.get(pk=person.pk).search_text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL index only")
def test_postgresql_has_the_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'accounts_person_search_trgm'"
        )
        (definition,) = cursor.fetchone()
    assert "gin (search_text gin_trgm_ops)" in definition
