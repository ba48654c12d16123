from __future__ import annotations

import factory
from django.utils import timezone

from accounts.tests.factories import PersonFactory
from bodies.tests.factories import BodyFactory
from decisions.models import Decision, Process, Proposal, ProposalVersion


class ProposalFactory(factory.django.DjangoModelFactory[Proposal]):
    """A draft consent proposal with its first text version."""

    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Proposition {n}")
    text = "Nous mutualisons l'achat des fournitures de bureau."
    proposer = factory.SubFactory(PersonFactory)
    process = Process.CONSENT
    mode = Proposal.Mode.ASYNC

    @factory.post_generation
    def first_version(obj: Proposal, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            ProposalVersion.objects.create(
                proposal=obj, number=1, text=obj.text, author=obj.proposer
            )


class DecisionFactory(factory.django.DjangoModelFactory[Decision]):
    """A register entry written directly (numbers by sequence; the service numbers for
    real)."""

    class Meta:
        model = Decision

    body = factory.SubFactory(BodyFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    sequence = factory.Sequence(lambda n: n + 1)
    kind = Decision.Kind.DECISION
    process = Process.CONSENT
    title = factory.Sequence(lambda n: f"Décision {n}")
    text = "Texte de la décision."
    decided_on = factory.LazyFunction(timezone.localdate)
