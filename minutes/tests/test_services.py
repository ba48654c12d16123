"""The life of minutes: draft from the meeting, review with amendments, approval at the
next meeting, lock, correction, and the revision check."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from governance.tests.factories import CharterFactory
from meetings.models import AgendaItem, Meeting
from minutes import services
from minutes.models import Minutes, MinutesAmendment
from minutes.tests.conftest import close_review, make_meeting, start_next_meeting

pytestmark = pytest.mark.django_db


# --- Draft -----------------------------------------------------------------------------


def test_draft_lists_attendance_by_status(drafted):
    text = drafted.text
    assert "**Présent·es** : Marc Membre, Sophie Scribe" in text
    assert "**Excusé·es** : Ernest Excusé" in text
    assert "**Représenté·es** : Rose Représentée (par Marc Membre)" in text


def test_draft_has_accepted_items_in_order_with_outcome_and_notes(drafted):
    text = drafted.text
    assert text.index("### 1. Tour de table des communes") < text.index(
        "### 2. Schéma de mutualisation"
    )
    assert "*Décision · présenté par Marc Membre*" in text
    assert "**Issue** : avis rendu" in text
    assert "**Issue** : information donnée, l’instance en a pris acte" in text
    assert "Le groupe valide le calendrier du schéma." in text
    assert "Chaque commune a présenté ses priorités." in text
    assert "Point seulement proposé" not in text


def test_draft_is_version_1_by_its_author(drafted, held):
    assert (drafted.version, drafted.status, drafted.author) == (1, "draft", held.secretary)


def test_draft_needs_a_held_meeting(world, held):
    held.meeting.status = Meeting.Status.CONVENED
    held.meeting.save()
    with pytest.raises(ValidationError, match="une fois la réunion tenue"):
        services.minutes_draft(meeting=held.meeting, author=held.secretary)
    assert not Minutes.objects.exists()


def test_a_meeting_is_drafted_once(drafted, held):
    with pytest.raises(ValidationError, match="déjà un compte-rendu"):
        services.minutes_draft(meeting=held.meeting, author=held.secretary)
    assert Minutes.objects.count() == 1


def test_names_are_escaped_from_markdown(world, held):
    held.items[0].title = "Plan *vélo* [urgent]"
    held.items[0].save()
    minutes = services.minutes_draft(meeting=held.meeting, author=held.secretary)
    assert r"Plan \*vélo\* \[urgent\]" in minutes.text


# --- Submission, review period, approval item --------------------------------------------


def test_submit_opens_review_for_the_default_ten_days_after_the_meeting(in_review, held):
    meeting_day = timezone.localtime(held.meeting.starts_at).date()
    assert in_review.status == Minutes.Status.IN_REVIEW
    assert in_review.review_until == meeting_day + timedelta(days=10)


def test_review_period_follows_the_charter(world, held, drafted):
    held.meeting.charter = CharterFactory.create(body=world.body, minutes_review_days=5)
    held.meeting.save()
    minutes = services.minutes_submit(minutes=drafted, by=held.secretary)
    meeting_day = timezone.localtime(held.meeting.starts_at).date()
    assert minutes.review_until == meeting_day + timedelta(days=5)


def test_late_submission_still_gives_the_full_review_period(held, drafted):
    today = timezone.localdate() + timedelta(days=30)
    minutes = services.minutes_submit(minutes=drafted, by=held.secretary, today=today)
    assert minutes.review_until == today + timedelta(days=10)


def test_submit_puts_the_approval_first_on_the_next_meeting_agenda(in_review, held):
    item = in_review.approval_item
    assert item is not None
    day = timezone.localtime(held.meeting.starts_at)
    assert item.meeting == held.next_meeting
    assert item.title == f"Approbation du compte-rendu du {day.day} {_month(day.month)} {day.year}"
    assert (item.kind, item.status) == (AgendaItem.Kind.DECISION, AgendaItem.Status.ACCEPTED)
    titles = list(
        held.next_meeting.items.order_by("position", "proposed_at").values_list("title", flat=True)
    )
    assert titles == [item.title, "Budget annexe"]


def _month(number):
    return ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre"][number - 1]  # fmt: skip


def test_held_and_cancelled_meetings_are_not_the_next_meeting(world, held, drafted):
    held.next_meeting.status = Meeting.Status.CANCELLED
    held.next_meeting.save()
    make_meeting(world, days_ago=1, status=Meeting.Status.HELD)
    later = make_meeting(world, days_ago=-40, status=Meeting.Status.PLANNED)
    minutes = services.minutes_submit(minutes=drafted, by=held.secretary)
    assert minutes.approval_item is not None
    assert minutes.approval_item.meeting == later


def test_submit_without_a_next_meeting_leaves_no_item(held, drafted):
    held.next_meeting.delete()
    minutes = services.minutes_submit(minutes=drafted, by=held.secretary)
    assert minutes.status == Minutes.Status.IN_REVIEW
    assert minutes.approval_item is None


def test_only_a_draft_is_submitted(in_review, held):
    with pytest.raises(ValidationError):
        services.minutes_submit(minutes=in_review, by=held.secretary)
    assert AgendaItem.objects.filter(title__startswith="Approbation").count() == 1


# --- Amendments -------------------------------------------------------------------------


def propose(minutes, author, **kwargs):
    data: dict[str, Any] = {
        "passage": "Le groupe valide le calendrier du schéma.",
        "replacement": "Le groupe valide le calendrier du schéma, sous réserve du budget.",
        "reason": "La réserve a été exprimée en séance.",
    }
    data.update(kwargs)
    return services.amendment_propose(minutes=minutes, author=author, **data)


def test_member_proposes_an_amendment_with_their_name(world, in_review):
    amendment = propose(in_review, world.member)
    assert (amendment.author, amendment.status) == (world.member, "proposed")


def test_amendment_passage_must_be_in_the_text_once(world, in_review):
    with pytest.raises(ValidationError) as error:
        propose(in_review, world.member, passage="Une phrase jamais écrite")
    assert "ne figure pas" in str(error.value.message_dict["passage"])
    with pytest.raises(ValidationError) as error:
        propose(in_review, world.member, passage="**Issue**")
    assert "plusieurs fois" in str(error.value.message_dict["passage"])
    assert not MinutesAmendment.objects.exists()


def test_no_amendment_on_a_draft_or_after_the_review_period(world, held, drafted):
    with pytest.raises(ValidationError, match="pas en relecture"):
        propose(drafted, world.member)
    minutes = services.minutes_submit(minutes=drafted, by=held.secretary)
    assert minutes.review_until is not None
    late = minutes.review_until + timedelta(days=1)
    with pytest.raises(ValidationError, match="La relecture est close"):
        propose(minutes, world.member, today=late)
    assert propose(minutes, world.member, today=minutes.review_until).pk


def test_accepting_applies_the_text_and_keeps_the_amendment(world, held, in_review):
    amendment = propose(in_review, world.member)
    services.amendment_decide(amendment=amendment, by=held.secretary, accept=True)
    in_review.refresh_from_db()
    amendment.refresh_from_db()
    assert "sous réserve du budget." in in_review.text
    assert in_review.revision == 2
    assert amendment.status == "accepted"
    assert amendment.decided_by == held.secretary
    assert amendment.passage == "Le groupe valide le calendrier du schéma."


def test_rejecting_needs_a_reason_and_leaves_the_text(world, held, in_review):
    amendment = propose(in_review, world.member)
    with pytest.raises(ValidationError):
        services.amendment_decide(amendment=amendment, by=held.secretary, accept=False)
    services.amendment_decide(
        amendment=amendment, by=held.secretary, accept=False, reason="Non évoqué en séance."
    )
    amendment.refresh_from_db()
    in_review.refresh_from_db()
    assert (amendment.status, amendment.decision_reason) == ("rejected", "Non évoqué en séance.")
    assert "sous réserve" not in in_review.text
    assert in_review.revision == 1


def test_an_amendment_whose_passage_changed_cannot_be_accepted(world, held, in_review):
    amendment = propose(in_review, world.member)
    services.minutes_update(
        minutes=in_review, text=in_review.text.replace("calendrier", "planning"), revision=1
    )
    with pytest.raises(ValidationError, match="le passage n'y figure plus"):
        services.amendment_decide(amendment=amendment, by=held.secretary, accept=True)
    amendment.refresh_from_db()
    assert amendment.status == "proposed"


def test_an_amendment_is_decided_once(world, held, in_review):
    amendment = propose(in_review, world.member)
    services.amendment_decide(amendment=amendment, by=held.secretary, accept=True)
    with pytest.raises(ValidationError, match="déjà été traité"):
        services.amendment_decide(amendment=amendment, by=held.secretary, accept=False, reason=".")


# --- Approval, lock, correction -----------------------------------------------------------


def test_approval_is_recorded_at_the_next_meeting(held, in_review):
    start_next_meeting(held)
    minutes = services.minutes_approve(minutes=in_review, by=held.secretary)
    assert minutes.status == Minutes.Status.APPROVED
    assert minutes.approved_in == held.next_meeting
    assert minutes.approved_by == held.secretary
    assert minutes.approved_at is not None
    item = minutes.approval_item
    assert item is not None
    item.refresh_from_db()
    assert "Compte-rendu (version 1) approuvé." in item.notes


def test_approval_waits_for_the_next_meeting(held, in_review):
    close_review(in_review)
    with pytest.raises(ValidationError, match="s'approuvera lors de la réunion du"):
        services.minutes_approve(minutes=in_review, by=held.secretary)
    in_review.refresh_from_db()
    assert in_review.status == Minutes.Status.IN_REVIEW


def test_approval_waits_for_every_amendment_to_be_decided(world, held, in_review):
    propose(in_review, world.member)
    start_next_meeting(held)
    with pytest.raises(ValidationError, match="attendent encore une décision"):
        services.minutes_approve(minutes=in_review, by=held.secretary)


def test_approval_waits_for_the_end_of_the_review(held, in_review):
    start_next_meeting(held)
    until = timezone.localdate() + timedelta(days=2)
    Minutes.objects.filter(pk=in_review.pk).update(review_until=until)
    day = f"{until.day} {_month(until.month)} {until.year}"
    with pytest.raises(ValidationError, match=f"La relecture court jusqu'au {day}"):
        services.minutes_approve(minutes=in_review, by=held.secretary)
    in_review.refresh_from_db()
    assert in_review.status == Minutes.Status.IN_REVIEW
    # The day after it ends, the approval is recorded.
    later = timezone.now() + timedelta(days=3)
    minutes = services.minutes_approve(minutes=in_review, by=held.secretary, now=later)
    assert minutes.status == Minutes.Status.APPROVED


def test_a_meeting_inside_the_review_period_does_not_carry_the_approval(world, held, drafted):
    # The next meeting is in five days, the review lasts ten: the approval goes to the
    # meeting after the review ends.
    soon = held.next_meeting
    soon.starts_at = timezone.now() + timedelta(days=5)
    soon.save()
    later = make_meeting(world, days_ago=-30, status=Meeting.Status.PLANNED)
    minutes = services.minutes_submit(minutes=drafted, by=held.secretary)
    assert minutes.approval_item is not None
    assert minutes.approval_item.meeting == later
    assert not soon.items.filter(title__startswith="Approbation").exists()


def test_a_meeting_planned_after_the_review_carries_the_waiting_approval(world, held, drafted):
    soon = held.next_meeting
    soon.starts_at = timezone.now() + timedelta(days=5)
    soon.save()
    minutes = services.minutes_submit(minutes=drafted, by=held.secretary)
    assert minutes.approval_item is None  # no meeting after the review yet
    later = make_meeting(world, days_ago=-30, status=Meeting.Status.PLANNED)
    minutes.refresh_from_db()
    assert minutes.approval_item is not None
    assert minutes.approval_item.meeting == later
    assert later.items.get().title.startswith("Approbation du compte-rendu du")


def test_a_draft_is_not_approved(held, drafted):
    start_next_meeting(held)
    with pytest.raises(ValidationError):
        services.minutes_approve(minutes=drafted, by=held.secretary)


@pytest.fixture
def approved(held, in_review):
    start_next_meeting(held)
    return services.minutes_approve(minutes=in_review, by=held.secretary)


def test_approved_minutes_are_never_edited(world, held, approved):
    with pytest.raises(ValidationError, match="ne se modifie plus"):
        services.minutes_update(minutes=approved, text="Autre texte", revision=approved.revision)
    approved.refresh_from_db()
    assert "Autre texte" not in approved.text


def test_correction_is_a_new_linked_version(held, approved):
    correction = services.minutes_correct(minutes=approved, by=held.secretary)
    assert (correction.version, correction.status) == (2, Minutes.Status.DRAFT)
    assert correction.corrects == approved
    assert correction.text == approved.text
    services.minutes_update(minutes=correction, text="Texte corrigé.", revision=1)
    approved.refresh_from_db()
    assert approved.status == Minutes.Status.APPROVED
    assert "Texte corrigé." not in approved.text


def test_only_the_latest_approved_version_is_corrected(held, approved, drafted):
    services.minutes_correct(minutes=approved, by=held.secretary)
    with pytest.raises(ValidationError, match="plus récente"):
        services.minutes_correct(minutes=approved, by=held.secretary)
    with pytest.raises(ValidationError, match="Seul un compte-rendu approuvé"):
        services.minutes_correct(minutes=Minutes.objects.get(version=2), by=held.secretary)


# --- Revision check ----------------------------------------------------------------------


def test_a_save_over_a_newer_revision_is_refused(drafted):
    services.minutes_update(minutes=drafted, text="Texte d'Anne", revision=1)
    with pytest.raises(services.MinutesConflict) as conflict:
        services.minutes_update(minutes=drafted, text="Texte de Bruno", revision=1)
    assert conflict.value.current.text == "Texte d'Anne"
    drafted.refresh_from_db()
    assert (drafted.text, drafted.revision) == ("Texte d'Anne", 2)


def test_windows_line_endings_are_normalised(drafted):
    minutes = services.minutes_update(minutes=drafted, text="Ligne 1\r\nLigne 2", revision=1)
    assert minutes.text == "Ligne 1\nLigne 2"


def test_submitting_tells_the_members_by_mail(drafted, held, django_capture_on_commit_callbacks):
    from django.core import mail

    from bodies.models import BodyMembership

    seated = set(
        BodyMembership.objects.current()
        .filter(body=held.meeting.body, person__is_active=True)
        .exclude(person_id=drafted.author_id)
        .values_list("person__email", flat=True)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_submit(minutes=drafted, by=held.secretary)
    recipients = {address for message in mail.outbox for address in message.to}
    assert seated and recipients == seated
    assert all("relecture" in message.subject for message in mail.outbox)
    assert drafted.get_absolute_url() in mail.outbox[0].body


def test_a_past_record_sends_nothing(drafted, held, django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_submit(minutes=drafted, by=held.secretary, notify=False)
    assert mail.outbox == []
