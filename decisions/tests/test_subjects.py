"""The subjects of proposals (decisions/proposals/subjects.py): the charter and the
reference framework adopted by consent (submitted, frozen while the proposal runs,
editable again once it is withdrawn or rejected, adopted with the register entry), and
the protocol any other kind of subject plugs into without touching Proposal."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import Model
from django.urls import reverse

from bodies.models import BodyMembership
from bodies.tests.factories import MembershipFactory
from conftest import World, client_for
from decisions.demo.governance import adopt_by_consent
from decisions.models import Decision, Process, Proposal
from decisions.proposals import subjects
from decisions.proposals.adoption import proposal_adopt, vote_close
from decisions.proposals.services import (
    Handling,
    proposal_advance,
    proposal_create,
    proposal_open,
    proposal_withdraw,
    subject_submit,
)
from decisions.proposals.subjects import (
    adoption_decision,
    kind_of,
    pending_proposal,
    proposals_about,
)
from decisions.proposals.turns import turn_record
from decisions.tests.factories import DecisionFactory
from governance.charter import charter_draft_save
from governance.framework import (
    framework_draft_start,
    framework_draft_update,
    framework_object_add,
    framework_object_delete,
)
from governance.models import Authority, Charter, Framework, FrameworkObject, LegitimacySource
from governance.selectors import current_charter, current_framework, objects_of
from governance.tests.factories import CharterFactory, FrameworkObjectFactory, make_framework
from governance.tests.factories import charter_form_data as form_data

pytestmark = pytest.mark.django_db


def adopting(subject: Model) -> Decision:
    decision = adoption_decision(subject)
    assert decision is not None
    return decision


# --- The charter --------------------------------------------------------------------------


def _save(body, **overrides):
    data: dict[str, Any] = {
        "attendance": "Les DGS et secrétaires de mairie.",
        "recurrence": "FREQ=MONTHLY;BYDAY=+2TU",
        "start_time": time(9, 0),
        "end_time": time(11, 30),
        "place_mode": Charter.PlaceMode.ROTATING,
    }
    data.update(overrides)
    return charter_draft_save(body=body, **data)


def _adopt(charter, by, on=date(2026, 1, 15)):
    """Adopt the draft by consent: submitted by `by`, every member consents."""
    proposal = subject_submit(subject=charter, proposer=by)
    adopt_by_consent(proposal=proposal, driver=by, decided_on=on)
    charter.refresh_from_db()
    return charter


def test_adoption_by_consent_records_the_decision(world):
    charter = _adopt(_save(world.body), world.admin)
    decision = adopting(charter)
    assert charter.adopted_on == date(2026, 1, 15) == decision.decided_on
    assert charter.adopted_by == world.admin
    assert charter.adoption_note == f"Adoptée par consentement (décision {decision.reference})."
    assert decision.title == "Adoption de la charte v1"
    assert list(decision.participants.all()) == [world.member]
    assert current_charter(world.body) == charter


def test_submit_freezes_the_draft_until_the_proposal_is_withdrawn(world):
    draft = _save(world.body)
    proposal = subject_submit(subject=draft, proposer=world.admin)
    assert proposal.subject == draft and proposal.process == "consent"
    assert proposal.title == "Adoption de la charte v1"
    assert "le 2e mardi de chaque mois" in proposal.text
    with pytest.raises(ValidationError, match="soumis au consentement"):
        _save(world.body, notice_days=3)
    with pytest.raises(ValidationError):
        subject_submit(subject=draft, proposer=world.admin)
    draft.refresh_from_db()
    assert draft.notice_days == 7
    proposal_withdraw(proposal=proposal, actor=world.admin)
    assert _save(world.body, notice_days=3).notice_days == 3


def test_silence_does_not_adopt_the_charter(world):
    draft = _save(world.body)
    proposal = subject_submit(subject=draft, proposer=world.admin)
    proposal_open(proposal=proposal, actor=world.admin)
    while proposal.phase != Proposal.Phase.OBJECTIONS:
        proposal = proposal_advance(proposal=proposal, actor=world.admin)
    with pytest.raises(ValidationError):
        proposal_adopt(proposal=proposal, actor=world.admin)
    draft.refresh_from_db()
    assert not draft.is_adopted


def test_receiver_refuses_an_adoption_dated_before_the_previous_one(world):
    _adopt(_save(world.body), world.admin, on=date(2026, 1, 15))
    draft = _save(world.body, notice_days=3)
    proposal = subject_submit(subject=draft, proposer=world.admin)
    with pytest.raises(ValidationError, match="après cette date"):
        adopt_by_consent(proposal=proposal, driver=world.admin, decided_on=date(2025, 1, 1))
    draft.refresh_from_db()
    assert not draft.is_adopted
    assert not Decision.objects.filter(proposal=proposal).exists()
    v1 = Charter.objects.get(body=world.body, version=1)
    first = adopting(v1)
    assert first.proposal is not None
    with pytest.raises(ValidationError, match="déjà adoptée"):
        kind_of(v1).adopted(v1, first.proposal, first)


def charter_url(body):
    return reverse("governance:charter", args=[body.pk])


def new_url(body):
    return reverse("governance:charter_new", args=[body.pk])


def adopt_url(charter):
    return reverse("decisions:charter_submit", args=[charter.pk])


def version_url(charter):
    return reverse("governance:charter_version", args=[charter.pk])


def _facilitator(world):
    MembershipFactory.create(
        body=world.body, person=world.member, role=BodyMembership.Role.FACILITATOR
    )
    return client_for(world.member)


def test_facilitator_writes_a_draft_and_submits_it_to_consent(world):
    client = _facilitator(world)
    assert client.post(new_url(world.body), form_data()).status_code == 302
    draft = Charter.objects.get(body=world.body)
    response = client.post(adopt_url(draft))
    proposal = proposals_about(draft).get()
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert proposal.proposer == world.member
    draft.refresh_from_db()
    assert not draft.is_adopted  # adopted only when the members consent


def test_draft_under_consent_is_frozen_on_the_pages(world, admin_client_):
    draft = CharterFactory.create(body=world.body, version=1, adopted_on=None)
    admin_client_.post(adopt_url(draft))
    proposal = proposals_about(draft).get()
    content = admin_client_.get(charter_url(world.body)).content.decode()
    assert "soumis au consentement" in content
    assert "Soumettre au consentement" not in content
    assert new_url(world.body) not in content
    response = admin_client_.get(new_url(world.body))
    assert response.status_code == 302 and response["Location"] == version_url(draft)
    response = admin_client_.post(new_url(world.body), form_data(notice_days="2"))
    draft.refresh_from_db()
    assert draft.notice_days != 2
    assert admin_client_.post(adopt_url(draft)).status_code == 302
    assert proposals_about(draft).count() == 1  # not submitted twice
    proposal_withdraw(proposal=proposal, actor=world.admin)
    content = admin_client_.get(version_url(draft)).content.decode()
    assert "Soumettre au consentement" in content


def test_adopted_charter_links_its_decision(world, admin_client_):
    charter = _adopt(_save(world.body), world.admin)
    decision = adopting(charter)
    for url in (charter_url(world.body), version_url(charter)):
        content = admin_client_.get(url).content.decode()
        assert "par consentement" in content
        assert f"décision {decision.reference}" in content
        assert decision.get_absolute_url() in content


# --- The reference framework ------------------------------------------------------------


def _framework_draft(world: World, title: str = "Mutualisation des achats") -> Framework:
    draft = framework_draft_start(body=world.body, created_by=world.admin)
    framework_object_add(
        framework=draft, title=title, kind=FrameworkObject.Kind.DOSSIER, authority="decision"
    )
    return draft


def _adopt_framework(world: World, framework: Framework, on: date = date(2024, 3, 12)) -> Decision:
    proposal = subject_submit(subject=framework, proposer=world.admin)
    return adopt_by_consent(proposal=proposal, driver=world.admin, decided_on=on)


def test_object_with_decisions_is_not_removed(world):
    draft = _framework_draft(world)
    obj = objects_of(draft).get()
    DecisionFactory.create(body=world.body, object=obj)
    with pytest.raises(ValidationError):
        framework_object_delete(obj=obj)
    assert objects_of(draft).count() == 1


def test_submit_creates_a_consent_proposal_and_freezes_the_draft(world):
    draft = _framework_draft(world)
    proposal = subject_submit(subject=draft, proposer=world.admin)
    assert proposal.subject == draft and proposal.process == "consent"
    assert proposal.title == "Adoption du cadre de référence v1"
    assert "Mutualisation des achats (dossier, décision)" in proposal.text
    assert proposal.versions.get().text == proposal.text
    assert pending_proposal(draft) == proposal
    with pytest.raises(ValidationError, match="soumis au consentement"):
        framework_draft_update(framework=draft, mission_relational="Autre")
    with pytest.raises(ValidationError):
        framework_object_add(framework=draft, title="X", kind="theme", authority="avis")
    with pytest.raises(ValidationError):
        subject_submit(subject=draft, proposer=world.admin)
    assert Proposal.objects.count() == 1


def test_submit_refuses_a_draft_without_objects(world):
    draft = framework_draft_start(body=world.body, created_by=world.admin)
    with pytest.raises(ValidationError, match="au moins un objet"):
        subject_submit(subject=draft, proposer=world.admin)


def test_withdrawn_proposal_makes_the_draft_editable_again(world):
    draft = _framework_draft(world)
    proposal = subject_submit(subject=draft, proposer=world.admin)
    proposal_open(proposal=proposal, actor=world.admin)
    proposal_withdraw(proposal=proposal, actor=world.admin)
    assert pending_proposal(draft) is None
    framework_draft_update(framework=draft, mission_relational="Se connaître.")
    draft.refresh_from_db()
    assert draft.mission_relational == "Se connaître."
    again = subject_submit(subject=draft, proposer=world.admin)
    assert again.pk != proposal.pk


def test_adoption_by_consent_adopts_the_version_on_the_decision_date(world):
    draft = _framework_draft(world)
    decision = _adopt_framework(world, draft, on=date(2024, 3, 12))
    draft.refresh_from_db()
    assert draft.adopted_on == date(2024, 3, 12)
    assert decision.proposal is not None and decision.proposal.subject == draft
    assert decision.reference == "2024-001" and decision.kind == Decision.Kind.DECISION
    assert current_framework(world.body) == draft
    with pytest.raises(ValidationError):
        framework_object_add(framework=draft, title="X", kind="theme", authority="avis")


def test_adoption_is_refused_while_someone_has_not_consented(world):
    draft = _framework_draft(world)
    proposal = subject_submit(subject=draft, proposer=world.admin)
    proposal_open(proposal=proposal, actor=world.admin)
    while proposal.phase != Proposal.Phase.OBJECTIONS:
        proposal = proposal_advance(proposal=proposal, actor=world.admin)
    with pytest.raises(ValidationError, match="silence"):
        proposal_adopt(proposal=proposal, actor=world.admin)
    draft.refresh_from_db()
    assert not draft.is_adopted


def test_receiver_refuses_a_second_adoption_and_an_earlier_date(world):
    v1 = _framework_draft(world)
    _adopt_framework(world, v1, on=date(2024, 3, 12))
    v2 = framework_draft_start(body=world.body, created_by=world.admin)
    proposal = subject_submit(subject=v2, proposer=world.admin)
    with pytest.raises(ValidationError, match="après cette date"):
        adopt_by_consent(proposal=proposal, driver=world.admin, decided_on=date(2024, 1, 1))
    v2.refresh_from_db()
    assert not v2.is_adopted
    assert not Decision.objects.filter(proposal=proposal).exists()  # nothing written
    proposal.refresh_from_db()
    first = adopting(v1)
    assert first.proposal is not None
    with pytest.raises(ValidationError, match="déjà adoptée"):
        kind_of(v1).adopted(v1, first.proposal, first)


def framework_url(world: World) -> str:
    return reverse("governance:framework", args=[world.body.pk])


def test_framework_page_explains_authority_and_counts_decisions(world, member_client):
    v1 = make_framework(world.body, adopted_on=date(2024, 3, 12))
    pacte = FrameworkObjectFactory.create(framework=v1, title="Pacte", authority="avis")
    FrameworkObjectFactory.create(framework=v1, title="Achats", authority="decision")
    DecisionFactory.create(body=world.body, object=pacte)
    DecisionFactory.create(body=world.body, object=pacte)
    response = member_client.get(framework_url(world))
    content = response.content.decode()
    assert response.status_code == 200
    assert "En vigueur : version 1" in content
    assert "rend un avis : elle ne décide pas" in content
    assert "l&#x27;instance décide" in content
    register = reverse("decisions:body_register", kwargs={"body_pk": world.body.pk})
    assert f"{register}?object={pacte.lineage}" in content
    assert "2 décisions au relevé" in content
    assert "Soumettre au consentement" not in content
    assert reverse("governance:framework_new", args=[world.body.pk]) not in content


def test_submit_page_flow_freezes_then_withdrawal_unfreezes(world, admin_client_):
    draft = _framework_draft(world)
    response = admin_client_.post(reverse("decisions:framework_submit", args=[draft.pk]))
    proposal = proposals_about(draft).get()
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    content = admin_client_.get(draft.get_absolute_url()).content.decode()
    assert "soumis au consentement" in content
    assert "Soumettre au consentement" not in content
    assert reverse("governance:framework_object_add", args=[draft.pk]) not in content
    # Editing pages send back to the version, with the reason.
    response = admin_client_.get(reverse("governance:framework_edit", args=[draft.pk]))
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    proposal_withdraw(proposal=proposal, actor=world.admin)
    content = admin_client_.get(draft.get_absolute_url()).content.decode()
    assert "Soumettre au consentement" in content


def test_adopted_version_page_links_the_decision_and_hides_edits(world, admin_client_):
    draft = _framework_draft(world)
    decision = _adopt_framework(world, draft)
    content = admin_client_.get(draft.get_absolute_url()).content.decode()
    assert "en vigueur" in content
    assert f"décision {decision.reference}" in content
    assert decision.get_absolute_url() in content
    assert reverse("governance:framework_edit", args=[draft.pk]) not in content
    assert "Soumettre au consentement" not in content
    response = admin_client_.get(reverse("governance:framework_edit", args=[draft.pk]))
    assert response.status_code == 302
    v2 = framework_draft_start(body=world.body, created_by=world.admin)
    content = admin_client_.get(framework_url(world)).content.decode()
    assert "Projet : version 2" in content and v2.get_absolute_url() in content


def test_framework_page_query_count_does_not_grow(world, member_client, django_assert_num_queries):
    def build(count: int) -> None:
        version = make_framework(world.body, adopted_on=date(2024, 3, count))
        for index in range(count):
            obj = FrameworkObjectFactory.create(
                framework=version, authority=list(Authority.values)[index % 4]
            )
            DecisionFactory.create(body=world.body, object=obj)
            LegitimacySource.objects.create(framework=version, kind="other", title=f"S{index}")

    build(2)
    # session, user, the viewer's visible bodies, body (+ territory), versions, the member's
    # roles in the body,
    # adoption decision, objects, decision counts per lineage, sources (+ documents)
    with django_assert_num_queries(10) as first:
        member_client.get(framework_url(world))
    build(8)
    with django_assert_num_queries(len(first.captured_queries)):
        member_client.get(framework_url(world))


def test_the_proposal_page_says_the_version_itself_is_adopted(world, member_client):
    draft = _framework_draft(world)
    proposal = subject_submit(subject=draft, proposer=world.admin)
    page = member_client.get(proposal.get_absolute_url()).content.decode()
    assert draft.get_absolute_url() in page
    assert "retirez la proposition, modifiez le brouillon" in page


# --- The protocol ---------------------------------------------------------------------------


class Recorder:
    """A kind of subject that records what happens to it (a mirror's action plan...)."""

    summarises = "le plan d'action"

    def __init__(self) -> None:
        self.events: list[str] = []

    def filed(self, subject: Model, proposal: Proposal) -> None:
        self.events.append("filed")

    def released(self, subject: Model, proposal: Proposal) -> None:
        self.events.append("released")

    def adopted(self, subject: Model, proposal: Proposal, decision: Decision) -> None:
        assert Decision.objects.filter(pk=decision.pk).exists()  # in the same transaction
        self.events.append(f"adopted {decision.reference}")


@pytest.fixture
def recorder() -> Any:
    kind = Recorder()
    subjects.register(BodyMembership, kind)  # any model stands for a new kind
    yield kind
    subjects._KINDS.pop(BodyMembership)


def _carrying(world: World, subject: Model, **handling: Any) -> Proposal:
    return proposal_create(
        body=world.body,
        proposer=world.member,
        title="Plan d'action du temps miroir",
        text="Nous faisons ceci.",
        subject=subject,
        handling=Handling(**handling),
    )


def test_a_new_kind_of_subject_plugs_in_and_follows_its_proposal(world, recorder):
    seat = BodyMembership.objects.get(body=world.body, person=world.member)
    proposal = _carrying(world, seat)
    assert proposal.subject == seat and proposal.has_subject
    assert pending_proposal(seat) == proposal
    adopt_by_consent(proposal=proposal, driver=world.member, decided_on=date(2026, 2, 3))
    decision = adopting(seat)
    assert recorder.events == ["filed", f"adopted {decision.reference}"]
    assert decision.kind == Decision.Kind.DECISION  # the body's own functioning
    assert pending_proposal(seat) is None


def test_withdrawn_and_rejected_proposals_release_their_subject(world, recorder):
    seat = BodyMembership.objects.get(body=world.body, person=world.member)
    proposal_withdraw(proposal=_carrying(world, seat), actor=world.member)
    assert recorder.events == ["filed", "released"]
    vote = _carrying(world, seat, process=Process.VOTE)
    proposal_open(proposal=vote, actor=world.member, start_phase=Proposal.Phase.VOTING)
    turn_record(proposal=vote, person=world.member, answer="against", recorded_by=world.member)
    assert vote_close(proposal=vote, actor=world.member) is None
    assert recorder.events == ["filed", "released", "filed", "released"]


def test_a_subject_of_another_body_is_refused(world, recorder):
    other = MembershipFactory.create(body=world.other_body)
    with pytest.raises(ValidationError):
        _carrying(world, other)
    assert recorder.events == [] and not Proposal.objects.exists()


def test_a_model_that_is_no_kind_of_subject_is_a_programming_error(world):
    seat = BodyMembership.objects.get(body=world.body, person=world.member)
    with pytest.raises(ImproperlyConfigured):
        _carrying(world, seat)
