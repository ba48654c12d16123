"""The demo framework: v1 of the strategic codir, adopted by consent on 12 March 2024,
with the eight objects and three sources; loading twice adds nothing. The demo charter
is adopted by consent too."""

from __future__ import annotations

from datetime import date

import pytest

from decisions.demo.governance import CHARTER_ADOPTED_ON, demo_charter, demo_framework
from decisions.models import Decision, Proposal, Turn
from decisions.proposals.subjects import adoption_decision
from demo.loader import demo_load
from documents.models import Document
from governance.models import Charter, Framework
from governance.selectors import objects_of

pytestmark = pytest.mark.django_db


def test_demo_framework_and_charter_are_adopted_by_consent_and_idempotent():
    territory = demo_load()
    framework = demo_framework(territory)
    assert framework is not None
    assert framework.version == 1 and framework.adopted_on == date(2024, 3, 12)
    assert objects_of(framework).count() == 8
    authorities = dict(objects_of(framework).values_list("title", "authority"))
    assert authorities["Instruction du droit des sols"] == "proposition"
    assert authorities["Voirie et travaux"] == "avis"
    assert authorities["Informations des communes"] == "information"
    assert framework.sources.count() == 3
    letter = framework.sources.get(kind="mandate")
    assert letter.document is not None and letter.document.body == framework.body
    decision = adoption_decision(framework)
    assert decision is not None
    assert decision.decided_on == date(2024, 3, 12)
    assert decision.proposal is not None
    members = decision.proposal.turns.filter(phase="objections")
    assert members.count() >= 5 and all(t.answer == Turn.Answer.CONSENT for t in members)
    assert framework.adopted_by is not None
    assert framework.adoption_note == f"Adopté par consentement (décision {decision.reference})."
    charter = Charter.objects.get(body=framework.body)
    charter_decision = adoption_decision(charter)
    assert charter_decision is not None
    assert charter.adopted_on == CHARTER_ADOPTED_ON == charter_decision.decided_on
    assert charter.adopted_by == charter_decision.recorded_by is not None
    assert demo_charter(territory) == charter
    counts = (
        Framework.objects.count(),
        Charter.objects.count(),
        Proposal.objects.count(),
        Decision.objects.count(),
        Document.objects.count(),
    )
    demo_load()
    assert demo_framework(territory) == framework
    assert counts == (
        Framework.objects.count(),
        Charter.objects.count(),
        Proposal.objects.count(),
        Decision.objects.count(),
        Document.objects.count(),
    )
