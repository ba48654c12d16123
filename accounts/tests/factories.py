from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

import factory
from django.utils import timezone

from accounts.models import Invitation, Person, hash_token

DEFAULT_PASSWORD = "mot-de-passe-solide-42"


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def _save(obj: Person, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


class InvitationFactory(factory.django.DjangoModelFactory[Invitation]):
    """An invitation stored as the service stores it: only its token's hash.
    Use `invitation_with_token` when the test needs the link."""

    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@example.fr")
    first_name = "Nina"
    last_name = "Nouvelle"
    # A string path: territories' factories import this module.
    territory = factory.SubFactory("territories.tests.factories.TerritoryFactory")
    token_hash = factory.LazyFunction(lambda: hash_token(Invitation.new_token()))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


def invitation_with_token(**kwargs: Any) -> tuple[Invitation, str]:
    token = Invitation.new_token()
    invitation = cast(Invitation, InvitationFactory(token_hash=hash_token(token), **kwargs))
    return invitation, token
