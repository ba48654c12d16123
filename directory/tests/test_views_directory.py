"""The directory of a territory: who does what, searchable without minding accents."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import PersonFactory
from territories.models import Position
from territories.selectors import search_words, word_pattern
from territories.tests.factories import (
    OrganisationFactory,
    PositionFactory,
    TerritoryMemberFactory,
)

pytestmark = pytest.mark.django_db


def directory_url(world):
    return reverse("territories:directory", args=[world.territory.pk])


def person_in(world, **fields):
    person = PersonFactory(**fields)
    TerritoryMemberFactory(territory=world.territory, person=person)
    return person


@pytest.fixture
def experts(world):
    """Three people of the territory with projects written with and without accents."""
    return {
        "claire": person_in(
            world,
            first_name="Claire",
            last_name="Dupont",
            expertise="J'ai conduit la Mutualisation des services techniques en 2022 "
            "entre quatre communes, avec un groupement de commandes.",
        ),
        "hugo": person_in(
            world,
            first_name="Hugo",
            last_name="Martin",
            projects="Reconstruire l'école maternelle et son restaurant scolaire.",
        ),
        "lea": person_in(
            world,
            first_name="Léa",
            last_name="Écuyer",
            presentation="Secrétaire itinérante ; chef-d'œuvre : le plan communal de sauvegarde.",
        ),
    }


def names(response):
    return response.content.decode()


# --- Access --------------------------------------------------------------------------


def test_member_sees_the_people_of_the_territory(world, member_client):
    response = member_client.get(directory_url(world))
    assert response.status_code == 200
    content = names(response)
    assert "Marc Membre" in content
    assert "Adèle Admin" in content
    assert reverse("people:person_detail", args=[world.member.pk]) in content
    # Their functions in the territory, with the organisation.
    assert "directeur·rice général·e des services" in content
    assert world.commune.get_absolute_url() in content


def test_people_of_other_territories_and_guests_are_not_listed(world, member_client):
    content = names(member_client.get(directory_url(world)))
    assert "Olivier Dehors" not in content
    assert "Gaëlle Invitée" not in content  # a guest of a body, not of the territory


def test_functions_held_elsewhere_are_not_shown(world, member_client):
    PositionFactory(
        person=world.member, organisation=world.other_commune, function=Position.Function.DGA
    )
    content = names(member_client.get(directory_url(world)))
    assert "Ailleurs-sur-Mer" not in content


# --- Search --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mutualisation", "claire"),  # "Mutualisation" in the text: case ignored
        ("MUTUALISATION", "claire"),
        ("ecole", "hugo"),  # "école": accents ignored in the text
        ("École", "hugo"),
        ("ÉCOLE", "hugo"),
        ("Ecole maternelle", "hugo"),  # every word must match
        ("oeuvre", "lea"),  # "œuvre": ligature
        ("ecuyer", "lea"),  # the name, with an accent
        ("lea", "lea"),
        ("sauvegarde communal", "lea"),  # words in any order
    ],
)
def test_search_ignores_accents_and_case(world, member_client, experts, query, expected):
    response = member_client.get(directory_url(world), {"q": query})
    content = names(response)
    shown = {key for key, person in experts.items() if person.full_name in content}
    assert shown == {expected}
    assert "Marc Membre" not in content


def test_search_by_organisation_name(world, member_client, experts):
    content = names(member_client.get(directory_url(world), {"q": "saint essai"}))
    assert "Marc Membre" in content
    assert "Claire Dupont" not in content


def test_search_by_function(world, member_client, experts):
    secretary = person_in(world, first_name="Sam", last_name="Sansaccent")
    PositionFactory(
        person=secretary, organisation=world.commune, function=Position.Function.SECRETARY
    )
    content = names(member_client.get(directory_url(world), {"q": "secrétaire de mairie"}))
    assert "Sam Sansaccent" in content
    assert "Marc Membre" not in content
    content = names(member_client.get(directory_url(world), {"q": "DGS"}))
    assert "Marc Membre" in content
    assert "Sam Sansaccent" not in content


def test_each_word_may_match_a_name_or_an_organisation(world, member_client, experts):
    """One word found in the person's own text, the other in where they work."""
    PositionFactory(person=experts["hugo"], organisation=world.commune)
    content = names(member_client.get(directory_url(world), {"q": "martin essai"}))
    assert "Hugo Martin" in content
    assert "Marc Membre" not in content  # works in Saint-Essai, but is no Martin
    assert "Claire Dupont" not in content


def test_search_keeps_to_the_territorys_active_members(world, member_client, experts):
    """A position in the territory does not list someone who is not one of its members;
    a member whose account is closed is not listed either."""
    stranger = PersonFactory(first_name="Sacha", last_name="Martin")
    PositionFactory(person=stranger, organisation=world.commune)
    gone = person_in(world, first_name="Gaby", last_name="Martin", is_active=False)
    PositionFactory(person=gone, organisation=world.commune)
    for query in ("martin", "saint essai"):
        content = names(member_client.get(directory_url(world), {"q": query}))
        assert "Sacha Martin" not in content
        assert "Gaby Martin" not in content
    assert "Hugo Martin" in names(member_client.get(directory_url(world), {"q": "martin"}))


def test_search_by_function_title(world, member_client):
    person = person_in(world, first_name="Tess", last_name="Titre")
    PositionFactory(
        person=person,
        organisation=world.epci,
        function=Position.Function.SHARED_SERVICE_HEAD,
        title="Responsable du service commun d'urbanisme",
    )
    content = names(member_client.get(directory_url(world), {"q": "urbanisme"}))
    assert "Tess Titre" in content


def test_ended_functions_are_not_searched(world, member_client):
    person = person_in(world, first_name="Paul", last_name="Passé")
    old_commune = OrganisationFactory(territory=world.territory, name="Vieilleville")
    PositionFactory(
        person=person, organisation=old_commune, start_date="2010-01-01", end_date="2015-01-01"
    )
    content = names(member_client.get(directory_url(world), {"q": "vieilleville"}))
    assert "Paul Passé" not in content


def test_search_shows_why_a_person_matched(world, member_client, experts):
    content = names(member_client.get(directory_url(world), {"q": "mutualisation"}))
    assert "<mark>Mutualisation</mark>" in content
    assert "Expériences et savoir-faire" in content
    content = names(member_client.get(directory_url(world), {"q": "ecole"}))
    assert "<mark>école</mark>" in content
    assert "Mes projets" in content


def test_search_excerpt_is_escaped(world, member_client):
    person_in(world, last_name="Piège", expertise="<script>alert(1)</script> mutualisation")
    content = names(member_client.get(directory_url(world), {"q": "mutualisation"}))
    assert "<script>alert(1)" not in content
    assert "&lt;script&gt;" in content


def test_search_without_result_says_so(world, member_client, experts):
    response = member_client.get(directory_url(world), {"q": "astrophysique"})
    content = names(response)
    assert "Aucune personne pour « astrophysique »" in content
    assert "Personne ne correspond" in content


def test_search_keeps_the_query_in_the_field(world, member_client):
    content = names(member_client.get(directory_url(world), {"q": "école"}))
    assert 'value="école"' in content


# --- htmx ----------------------------------------------------------------------------


def test_htmx_gets_the_results_fragment_only(world, member_client, experts):
    response = member_client.get(directory_url(world), {"q": "ecole"}, HTTP_HX_REQUEST="true")
    content = names(response)
    assert response.status_code == 200
    assert "<html" not in content
    assert "Hugo Martin" in content
    assert "Claire Dupont" not in content
    # The count, outside the swapped area, is updated out of band.
    assert 'id="nombre-resultats"' in content
    assert 'hx-swap-oob="innerHTML"' in content
    assert "HX-Request" in response["Vary"]


def test_without_htmx_the_whole_page_has_the_live_search(world, member_client):
    content = names(member_client.get(directory_url(world)))
    assert "<html" in content
    assert 'hx-get="' + directory_url(world) + '"' in content
    assert 'hx-trigger="input changed delay:300ms, search"' in content
    assert 'hx-target="#resultats-annuaire"' in content
    assert 'hx-push-url="true"' in content
    assert "hx-swap-oob" not in content


def test_htmx_history_restore_gets_the_whole_page(world, member_client):
    response = member_client.get(
        directory_url(world),
        {"q": "ecole"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in names(response)


# --- Query count and pages -----------------------------------------------------------


def add_people(world, count, expertise=""):
    for index in range(count):
        person = person_in(world, last_name=f"Agent{index:02d}", expertise=expertise)
        commune = OrganisationFactory(territory=world.territory, name=f"Bourg {index}")
        PositionFactory(person=person, organisation=commune)
        PositionFactory(person=person, organisation=world.epci, function=Position.Function.DGA)


@pytest.mark.parametrize("query", ["", "mutualisation ecole"])
def test_directory_query_count_does_not_grow(
    world, member_client, django_assert_num_queries, query
):
    # session, user, territory, the territory's member ids (searched first: issue 9),
    # count, the page of people, their current functions
    expertise = "Mutualisation d'une école"
    person_in(world, last_name="Premier", expertise=expertise)
    with django_assert_num_queries(7):
        member_client.get(directory_url(world), {"q": query})
    add_people(world, 20, expertise=expertise)
    with django_assert_num_queries(7):
        response = member_client.get(directory_url(world), {"q": query})
    assert "Agent19" in names(response)


def test_directory_is_paginated_and_pages_keep_the_query(world, member_client):
    add_people(world, 35, expertise="mutualisation")
    content = names(member_client.get(directory_url(world), {"q": "mutualisation"}))
    assert "35 personnes pour « mutualisation »" in content
    assert "?q=mutualisation&amp;page=2" in content
    second = names(member_client.get(directory_url(world), {"q": "mutualisation", "page": 2}))
    assert "Agent34" in second
    assert "Agent00" not in second


# --- The search helpers ----------------------------------------------------------------


def test_search_words_drop_one_letter_words_and_repeats():
    assert search_words("l'École d'été, l'école") == ["ecole", "ete"]


def test_word_pattern_accepts_accented_forms():
    import re

    pattern = re.compile(word_pattern("oeuvre"), re.IGNORECASE)
    assert pattern.search("chef-d'Œuvre")
    assert pattern.search("OEUVRE")
    assert re.search(word_pattern("ecole"), "ÉCOLE")
