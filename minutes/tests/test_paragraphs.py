"""Amending the minutes by paragraph, in the words members read: the paragraphs are
numbered, their displayed text is edited (never the Markdown), a passage copied from
the page is found, and accepting applies the change to the right paragraph."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from minutes import services
from minutes.models import Minutes
from minutes.paragraphs import amendment_diff, paragraphs, rewrite
from minutes.tests.conftest import client_for
from minutes.tests.test_views import url

pytestmark = pytest.mark.django_db


def test_paragraphs_are_numbered_with_their_displayed_text() -> None:
    text = (
        "## Présences\n\n- **Présent·es** : A, B\n- **Excusé·es** : C\n\n"
        "Un *mot* fort\nsur deux lignes.\n"
    )
    items = paragraphs(text)
    assert [(p.number, p.plain) for p in items] == [
        (1, "Présences"),
        (2, "Présent·es : A, B"),
        (3, "Excusé·es : C"),
        (4, "Un mot fort sur deux lignes."),
    ]
    assert items[0].is_heading and items[1].prefix == "- "


def test_an_edit_keeps_the_formatting_around_unchanged_words_and_escapes_new_ones() -> None:
    (item,) = paragraphs("- **Présent·es** : Marc Membre, Sophie Scribe")
    new = rewrite(item, "Présent·es : Marc Membre, Sophie Scribe, Jean *Nouveau*")
    assert new == "- **Présent·es** : Marc Membre, Sophie Scribe, Jean \\*Nouveau\\*"
    (changed,) = paragraphs(new)
    assert changed.plain == "Présent·es : Marc Membre, Sophie Scribe, Jean *Nouveau*"
    assert rewrite(item, "") == ""


def test_choose_a_paragraph_and_edit_its_text_then_accept(world, held, in_review):
    number = next(p.number for p in paragraphs(in_review.text) if p.plain.startswith("Présent"))
    amendment = services.amendment_propose(
        minutes=in_review,
        author=world.member,
        paragraph=number,
        replacement="Présent·es : Marc Membre, Sophie Scribe, Ernest Excusé",
        reason="Ernest est arrivé en retard.",
    )
    diff = str(amendment_diff(amendment.passage, amendment.replacement))
    assert "<ins>, Ernest Excusé</ins>" in diff and "**" not in diff
    services.amendment_decide(amendment=amendment, by=held.secretary, accept=True)
    text = Minutes.objects.get(pk=in_review.pk).text
    assert "- **Présent·es** : Marc Membre, Sophie Scribe, Ernest Excusé\n" in text
    assert "- **Excusé·es** : Ernest Excusé" in text  # the other paragraphs as they were


def test_a_passage_copied_from_the_page_without_markup_is_applied(world, held, in_review):
    # "Issue : avis rendu" is how "**Issue** : avis rendu" displays; it is unique.
    amendment = services.amendment_propose(
        minutes=in_review,
        author=world.member,
        passage="Issue : avis rendu",
        replacement="Issue : avis favorable rendu",
        reason="Précision.",
    )
    services.amendment_decide(amendment=amendment, by=held.secretary, accept=True)
    text = Minutes.objects.get(pk=in_review.pk).text
    assert "**Issue** : avis favorable rendu" in text
    assert "**Issue** : information donnée, l’instance en a pris acte" in text


def test_a_copied_passage_across_a_line_break_or_in_two_places(world, in_review):
    with pytest.raises(ValidationError) as error:
        services.amendment_propose(
            minutes=in_review, author=world.member, passage="Issue :", replacement="x", reason="."
        )
    assert "plusieurs fois" in str(error.value.message_dict["passage"])
    # In a chosen paragraph, the same words are found once.
    number = next(
        p.number
        for p in paragraphs(in_review.text)
        if p.plain == "Issue : information donnée, l’instance en a pris acte"
    )
    amendment = services.amendment_propose(
        minutes=in_review,
        author=world.member,
        paragraph=number,
        passage="pris   acte",
        replacement="information donnée, l’instance en a pris acte à l’unanimité",
        reason=".",
    )
    assert "à l’unanimité" in amendment.replacement


def test_a_repeated_paragraph_is_amended_where_it_was_chosen(world, held, in_review):
    Minutes.objects.filter(pk=in_review.pk).update(
        text="### 1. Un\n\n*Pas de notes.*\n\n### 2. Deux\n\n*Pas de notes.*\n"
    )
    in_review.refresh_from_db()
    amendment = services.amendment_propose(
        minutes=in_review,
        author=world.member,
        paragraph=4,
        replacement="Le point est reporté.",
        reason="Oubli.",
    )
    services.amendment_decide(amendment=amendment, by=held.secretary, accept=True)
    # The second one changes, in the paragraph's own style (italics kept).
    assert Minutes.objects.get(pk=in_review.pk).text == (
        "### 1. Un\n\n*Pas de notes.*\n\n### 2. Deux\n\n*Le point est reporté.*\n"
    )


def test_the_amend_page_numbers_the_paragraphs_and_hides_the_markdown(member_client, in_review):
    page = member_client.get(url("amend", in_review.pk)).content.decode()
    assert "**" not in page and "###" not in page
    assert "§8" in page and "Amender le paragraphe 8" in page
    page = member_client.get(url("amend", in_review.pk) + "?paragraphe=8").content.decode()
    assert ">\nIssue : information donnée, l’instance en a pris acte</textarea>" in page
    assert '<option value="8" selected>' in page
    response = member_client.post(
        url("amend", in_review.pk), {"replacement": "Sans choix", "reason": "Parce que"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Choisissez le paragraphe à amender" in content
    assert "Sans choix" in content


def test_the_secretary_reads_a_word_diff(world, held, in_review):
    services.amendment_propose(
        minutes=in_review,
        author=world.member,
        passage="Chaque commune a présenté ses priorités.",
        replacement="Chaque commune a présenté ses deux priorités.",
        reason="Précision.",
    )
    page = client_for(held.secretary).get(url("detail", in_review.pk)).content.decode()
    assert "ses <ins>deux </ins>priorités." in page
