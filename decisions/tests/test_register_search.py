"""The French search of the register, on both databases: PostgreSQL full-text with the
french configuration, and the SQLite fallback (folded words without plural endings)."""

from __future__ import annotations

import pytest
from django.db import connection

from bodies.models import Body
from decisions.models import Decision
from decisions.register.selectors import RegisterFilters, fallback_terms, register_entries
from decisions.tests.register_helpers import record


def found(body: Body, query: str) -> set[str]:
    rows = register_entries(Decision.objects.filter(body=body), RegisterFilters(query=query))
    return set(rows.values_list("title", flat=True))


@pytest.fixture
def entries(world):
    record(world.body, title="Accent", text="La décision est prise à l'unanimité.")
    record(world.body, title="Sans accent", text="Une decision ecrite sans accents.")
    record(world.body, title="Commune", text="Chaque commune désigne un référent.")
    record(world.body, title="Achats", text="Les achats de fournitures sont groupés.")
    record(world.body, title="Voirie", text="Le programme de voirie est présenté.")
    return world


def test_accented_query_finds_the_unaccented_text_and_back(entries):
    assert found(entries.body, "décision") == {"Accent", "Sans accent"}
    assert found(entries.body, "DECISION") == {"Accent", "Sans accent"}


def test_plural_query_finds_the_singular(entries):
    assert found(entries.body, "communes") == {"Commune"}


def test_singular_query_finds_the_plural(entries):
    assert found(entries.body, "achat") == {"Achats"}


def test_every_word_must_match(entries):
    assert found(entries.body, "achats fournitures") == {"Achats"}
    assert found(entries.body, "achats voirie") == set()


def test_a_query_of_punctuation_only_filters_nothing(entries):
    assert len(found(entries.body, " ?! ")) == 5


def test_the_reference_is_searched(entries):
    voirie = Decision.objects.get(title="Voirie")
    assert found(entries.body, voirie.reference) >= {"Voirie"}


def test_the_other_territory_is_never_searched(entries):
    record(entries.other_body, title="Ailleurs", text="Une décision d'ailleurs.")
    assert found(entries.body, "décision") == {"Accent", "Sans accent"}


def test_fallback_terms_fold_and_drop_plural_endings():
    assert fallback_terms("Décisions, communes ; travaux des élus") == [
        "decision",
        "commune",
        "travau",
        "des",
        "elu",
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text only")
def test_postgresql_ranks_the_best_match_first(world):
    record(world.body, title="Rapport", text="Un mot sur les achats parmi d'autres sujets.")
    record(world.body, title="Achats groupés", text="Achats, achats et encore des achats.")
    rows = register_entries(
        Decision.objects.filter(body=world.body), RegisterFilters(query="achats")
    )
    assert [row.title for row in rows] == ["Achats groupés", "Rapport"]


def test_cybersecurity_is_found_with_or_without_accents(world):
    record(world.body, title="Cybersécurité des communes", text="Un plan de cybersécurité.")
    record(world.body, title="Sécurité routière", text="La voirie des écoles.")
    assert found(world.body, "cybersécurité") == {"Cybersécurité des communes"}
    assert found(world.body, "cybersecurite") == {"Cybersécurité des communes"}
    assert found(world.body, "Cybersécurités") == {"Cybersécurité des communes"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL index only")
def test_postgresql_stores_the_french_vector_and_indexes_it(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'decisions_decision_search_vector'"
        )
        (definition,) = cursor.fetchone()
        cursor.execute(
            "SELECT generation_expression FROM information_schema.columns "
            "WHERE table_name = 'decisions_decision' AND column_name = 'search_vector'"
        )
        (generated,) = cursor.fetchone()
    assert "gin (search_vector)" in definition
    assert "to_tsvector('french'::regconfig" in generated


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text only")
def test_postgresql_search_reads_the_stored_vector_through_its_index(world):
    record(world.body, title="Cybersécurité", text="Un plan.")
    rows = register_entries(Decision.objects.all(), RegisterFilters(query="cybersécurité"))
    assert "to_tsvector" not in str(rows.query)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = rows.explain()
    assert "decisions_decision_search_vector" in plan
