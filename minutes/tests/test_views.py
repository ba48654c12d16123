"""The minutes pages: access (member, guest, outsider, anonymous, wrong method,
non-secretary), the draft → review → approval flow through the web, the lock, the
correction, the concurrent-edit conflict and the query count of the minutes page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from meetings.models import AgendaItem
from meetings.tests.factories import AgendaItemFactory
from minutes import services
from minutes.models import Minutes, MinutesAmendment
from minutes.tests.conftest import close_review, start_next_meeting

pytestmark = pytest.mark.django_db


def url(name, pk):
    return reverse(f"minutes:{name}", args=[pk])


def minutes_urls(minutes):
    return [url(name, minutes.pk) for name in ("detail", "edit", "amend", "pdf", "odt", "history")]


def post_urls(minutes):
    return [url(name, minutes.pk) for name in ("submit", "approve", "correct")]


# --- Access ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, held, in_review):
    for target in [*minutes_urls(in_review), url("for_meeting", held.meeting.pk)]:
        response = client.get(target)
        assert response.status_code == 302, target
        assert reverse("accounts:login") in response["Location"]


def test_outsider_gets_404(outsider_client, held, in_review, world):
    amendment = MinutesAmendment.objects.create(
        minutes=in_review, author=world.member, passage="x", reason="y"
    )
    for target in [
        *minutes_urls(in_review),
        url("for_meeting", held.meeting.pk),
        url("agenda_pdf", held.meeting.pk),
    ]:
        assert outsider_client.get(target).status_code == 404, target
    for target in [
        *post_urls(in_review),
        url("draft", held.meeting.pk),
        url("amendment_decide", amendment.pk),
    ]:
        assert outsider_client.post(target).status_code == 404, target
    in_review.refresh_from_db()
    assert in_review.status == Minutes.Status.IN_REVIEW


def test_member_reads_the_minutes(member_client, in_review):
    response = member_client.get(url("detail", in_review.pk))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h3>2. Schéma de mutualisation</h3>" in content
    assert "Le groupe valide le calendrier du schéma." in content
    assert "Proposer un amendement" in content
    assert "Modifier le texte" not in content


def test_member_who_is_not_secretary_gets_403(member_client, held, in_review, drafted):
    assert member_client.get(url("edit", in_review.pk)).status_code == 403
    data = {"text": "Réécrit par un membre", "revision": "1"}
    assert member_client.post(url("edit", in_review.pk), data).status_code == 403
    for target in post_urls(in_review):
        assert member_client.post(target).status_code == 403, target
    assert member_client.post(url("draft", held.meeting.pk)).status_code == 403
    in_review.refresh_from_db()
    assert "Réécrit" not in in_review.text


def test_guest_reads_but_does_not_amend(guest_client, in_review):
    assert guest_client.get(url("detail", in_review.pk)).status_code == 200
    assert guest_client.get(url("amend", in_review.pk)).status_code == 403


def test_wrong_methods_are_refused(secretary_client, held, in_review):
    assert secretary_client.post(url("detail", in_review.pk)).status_code == 405
    assert secretary_client.post(url("pdf", in_review.pk)).status_code == 405
    assert secretary_client.post(url("history", in_review.pk)).status_code == 405
    assert secretary_client.post(url("for_meeting", held.meeting.pk)).status_code == 405
    for name in ("submit", "approve", "correct"):
        assert secretary_client.get(url(name, in_review.pk)).status_code == 405, name
    assert secretary_client.get(url("draft", held.meeting.pk)).status_code == 405
    assert secretary_client.put(url("edit", in_review.pk)).status_code == 405


# --- Draft, edit, submit, amend, decide, approve -----------------------------------------


def test_meeting_without_minutes_offers_the_secretary_to_draft(secretary_client, held):
    response = secretary_client.get(url("for_meeting", held.meeting.pk))
    assert response.status_code == 200
    assert url("draft", held.meeting.pk) in response.content.decode()


def test_member_is_told_the_secretary_will_draft(member_client, held):
    content = member_client.get(url("for_meeting", held.meeting.pk)).content.decode()
    assert url("draft", held.meeting.pk) not in content
    assert "secrétaire de séance le rédigera" in content


def test_secretary_drafts_then_lands_on_the_edit_form(secretary_client, held):
    response = secretary_client.post(url("draft", held.meeting.pk))
    minutes = Minutes.objects.get(meeting=held.meeting)
    assert response["Location"] == url("edit", minutes.pk)
    assert (
        "Schéma de mutualisation" in secretary_client.get(url("edit", minutes.pk)).content.decode()
    )
    assert secretary_client.get(url("for_meeting", held.meeting.pk))["Location"] == url(
        "detail", minutes.pk
    )


def test_administrator_drafts_too(admin_client_, held):
    admin_client_.post(url("draft", held.meeting.pk))
    assert Minutes.objects.filter(meeting=held.meeting).exists()


def test_secretary_saves_the_text(secretary_client, drafted):
    data = {"text": "## Présences\n\nTout le monde.", "revision": "1"}
    response = secretary_client.post(url("edit", drafted.pk), data)
    assert response.status_code == 302
    drafted.refresh_from_db()
    assert (drafted.text, drafted.revision) == ("## Présences\n\nTout le monde.", 2)


def test_empty_text_is_refused_in_french(secretary_client, drafted):
    response = secretary_client.post(url("edit", drafted.pk), {"text": "  ", "revision": "1"})
    assert response.status_code == 200
    assert "Le compte-rendu ne peut pas être vide." in response.content.decode()
    drafted.refresh_from_db()
    assert drafted.revision == 1


def test_submit_through_the_page(secretary_client, held, drafted):
    response = secretary_client.post(url("submit", drafted.pk), follow=True)
    drafted.refresh_from_db()
    assert drafted.status == Minutes.Status.IN_REVIEW
    assert "inscrite à l&#x27;ordre du jour de la réunion du" in response.content.decode()
    assert AgendaItem.objects.filter(
        meeting=held.next_meeting, title__startswith="Approbation du compte-rendu du"
    ).exists()


def test_member_proposes_an_amendment_through_the_page(member_client, world, in_review):
    data = {
        "passage": "Chaque commune a présenté ses priorités.",
        "replacement": "Chaque commune a présenté ses trois priorités.",
        "reason": "Précision.",
    }
    response = member_client.post(url("amend", in_review.pk), data)
    assert response.status_code == 302
    amendment = MinutesAmendment.objects.get()
    assert amendment.author == world.member
    content = member_client.get(url("detail", in_review.pk)).content.decode()
    assert "Chaque commune a présenté ses <ins>trois </ins>priorités." in content
    assert "proposé par Marc Membre" in content


def test_a_bad_amendment_keeps_the_typed_values(member_client, in_review):
    data = {"passage": "Absent du texte", "replacement": "Ma proposition", "reason": "Parce que"}
    response = member_client.post(url("amend", in_review.pk), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "ne figure pas dans le compte-rendu" in content
    assert "Ma proposition" in content and "Parce que" in content
    assert not MinutesAmendment.objects.exists()


def test_amend_is_closed_on_a_draft(member_client, drafted):
    response = member_client.get(url("amend", drafted.pk))
    assert response.status_code == 302


def test_secretary_accepts_an_amendment(secretary_client, world, in_review):
    amendment = services.amendment_propose(
        minutes=in_review,
        author=world.member,
        passage="Chaque commune",
        replacement="Chacune des communes",
        reason="Style.",
    )
    response = secretary_client.post(url("amendment_decide", amendment.pk), {"decision": "accept"})
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert "Chacune des communes a présenté" in in_review.text


def test_rejection_without_reason_is_shown_again(secretary_client, member_client, world, in_review):
    amendment = services.amendment_propose(
        minutes=in_review, author=world.member, passage="Chaque commune", replacement="", reason="."
    )
    assert (
        member_client.post(
            url("amendment_decide", amendment.pk), {"decision": "reject"}
        ).status_code
        == 403
    )
    response = secretary_client.post(url("amendment_decide", amendment.pk), {"decision": "reject"})
    assert response.status_code == 200
    assert "Dites pourquoi l&#x27;amendement est refusé." in response.content.decode()
    amendment.refresh_from_db()
    assert amendment.status == "proposed"


def test_approval_then_edit_is_refused(secretary_client, held, in_review):
    start_next_meeting(held)
    secretary_client.post(url("approve", in_review.pk))
    in_review.refresh_from_db()
    assert in_review.status == Minutes.Status.APPROVED
    response = secretary_client.post(
        url("edit", in_review.pk), {"text": "Réécriture", "revision": str(in_review.revision)}
    )
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert "Réécriture" not in in_review.text
    content = secretary_client.get(url("detail", in_review.pk)).content.decode()
    assert "Modifier le texte" not in content
    assert "Corriger par une nouvelle version" in content


def test_approval_before_the_next_meeting_is_refused_with_a_message(secretary_client, in_review):
    close_review(in_review)
    response = secretary_client.post(url("approve", in_review.pk), follow=True)
    assert "s&#x27;approuvera lors de la réunion du" in response.content.decode()
    in_review.refresh_from_db()
    assert in_review.status == Minutes.Status.IN_REVIEW


def test_approval_during_the_review_is_refused_with_its_date(secretary_client, held, in_review):
    start_next_meeting(held)
    Minutes.objects.filter(pk=in_review.pk).update(review_until=timezone.localdate())
    page = secretary_client.get(url("detail", in_review.pk)).content.decode()
    assert "Enregistrer l’approbation" not in page
    assert "L’approbation s’enregistre à partir du" in page
    response = secretary_client.post(url("approve", in_review.pk), follow=True)
    assert "La relecture court jusqu&#x27;au" in response.content.decode()
    in_review.refresh_from_db()
    assert in_review.status == Minutes.Status.IN_REVIEW


def test_correction_through_the_page(secretary_client, held, in_review):
    start_next_meeting(held)
    services.minutes_approve(minutes=in_review, by=held.secretary)
    response = secretary_client.post(url("correct", in_review.pk))
    correction = Minutes.objects.get(version=2)
    assert response["Location"] == url("edit", correction.pk)
    assert correction.corrects == in_review
    content = secretary_client.get(url("detail", correction.pk)).content.decode()
    assert "Cette version corrige la version 1" in content
    old = secretary_client.get(url("detail", in_review.pk)).content.decode()
    assert "Une version plus récente existe (version 2)" in old


# --- Concurrent edits --------------------------------------------------------------------


def test_second_concurrent_save_is_refused_and_both_texts_are_shown(world, held, drafted):
    first, second = client_for(held.secretary), client_for(world.admin)
    # Both open the form at revision 1.
    for client in (first, second):
        assert 'name="revision" value="1"' in client.get(url("edit", drafted.pk)).content.decode()
    assert (
        first.post(
            url("edit", drafted.pk), {"text": "Version de Sophie", "revision": "1"}
        ).status_code
        == 302
    )
    response = second.post(url("edit", drafted.pk), {"text": "Version d'Adèle", "revision": "1"})
    assert response.status_code == 409
    content = response.content.decode()
    assert "Version de Sophie" in content  # the saved text, shown beside…
    assert "Version d&#x27;Adèle" in content  # …the refused one, still in the form
    assert 'name="revision" value="2"' in content
    drafted.refresh_from_db()
    assert drafted.text == "Version de Sophie"
    # Saving again, knowingly, goes through.
    again = second.post(url("edit", drafted.pk), {"text": "Version fusionnée", "revision": "2"})
    assert again.status_code == 302
    drafted.refresh_from_db()
    assert (drafted.text, drafted.revision) == ("Version fusionnée", 3)


# --- Query count -------------------------------------------------------------------------


def _count_queries(client, target):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(target).status_code == 200
    return len(queries), "\n".join(q["sql"] for q in queries.captured_queries)


def test_minutes_page_queries_do_not_grow_with_items_or_amendments(world, held, secretary_client):
    small = services.minutes_draft(meeting=held.meeting, author=held.secretary)
    small = services.minutes_submit(minutes=small, by=held.secretary)
    small_count, small_sql = _count_queries(secretary_client, url("detail", small.pk))
    for number in range(15):
        AgendaItemFactory.create(
            meeting=held.meeting, status="accepted", notes=f"Notes {number}", presenter=world.admin
        )
    Minutes.objects.all().delete()
    AgendaItem.objects.filter(title__startswith="Approbation").delete()
    large = services.minutes_draft(meeting=held.meeting, author=held.secretary)
    large = services.minutes_submit(minutes=large, by=held.secretary)
    for number in range(10, 15):
        services.amendment_propose(
            minutes=large,
            author=world.member,
            passage=f"Notes {number}\n",
            replacement=f"Notes {number} bis\n",
            reason="Précision",
        )
    large_count, large_sql = _count_queries(secretary_client, url("detail", large.pk))
    # Session and user; the viewer's visible bodies; the minutes with its meeting, body, territory
    # and approval item; the amendments with their authors and deciders; the versions. The secretary
    # needs no permission query (the meeting names them); others add at most three.
    assert large_count == small_count, large_sql
    assert small_count == 6, small_sql
