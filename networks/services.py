"""Writes of the networks app, each one transaction. Permissions are checked by the
views (access.permissions.MANAGE_NETWORKS); the services check what the data forbids (two
actors of one name, a person from outside the territory, a link that ends before it
starts)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Person
from networks.models import Actor, ActorContact, ActorLink, Exchange, Strategy
from networks.selectors import link_person_choices, may_own_strategy
from territories.models import Territory


def _check_name(territory: Territory, name: str, actor: Actor | None = None) -> None:
    same = Actor.objects.filter(territory=territory, name__iexact=name.strip())
    if actor is not None:
        same = same.exclude(pk=actor.pk)
    if same.exists():
        raise ValidationError({"name": _("Un acteur porte déjà ce nom dans le territoire.")})


@transaction.atomic
def actor_create(
    *,
    territory: Territory,
    name: str,
    kind: str,
    circle: int,
    description: str = "",
    website: str = "",
) -> Actor:
    _check_name(territory, name)
    return Actor.objects.create(
        territory=territory,
        name=name.strip(),
        kind=kind,
        circle=circle,
        description=description,
        website=website,
    )


@transaction.atomic
def actor_update(
    *, actor: Actor, name: str, kind: str, circle: int, description: str, website: str
) -> Actor:
    _check_name(actor.territory, name, actor)
    actor.name, actor.kind, actor.circle = name.strip(), kind, circle
    actor.description, actor.website = description, website
    actor.save()
    return actor


@transaction.atomic
def contact_add(
    *, actor: Actor, name: str, role: str = "", email: str = "", phone: str = ""
) -> ActorContact:
    return ActorContact.objects.create(actor=actor, name=name, role=role, email=email, phone=phone)


@transaction.atomic
def contact_remove(*, contact: ActorContact) -> None:
    contact.delete()


@transaction.atomic
def link_add(
    *,
    actor: Actor,
    person: Person,
    role: str = "",
    start_date: date,
    end_date: date | None = None,
) -> ActorLink:
    if not link_person_choices(actor.territory).filter(pk=person.pk).exists():
        raise ValidationError({"person": _("Choisissez une personne du territoire.")})
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": _("La fin vient après le début.")})
    return ActorLink.objects.create(
        actor=actor, person=person, role=role, start_date=start_date, end_date=end_date
    )


@transaction.atomic
def link_end(*, link: ActorLink, on: date | None = None) -> ActorLink:
    """The person leaves the actor's network: the link is kept, dated, for the history
    (the map at an earlier date still shows it)."""
    on = on or timezone.localdate()
    if on < link.start_date:
        link.delete()  # entered by mistake: it never held
        return link
    link.end_date = on
    link.save(update_fields=["end_date"])
    return link


@transaction.atomic
def strategy_save(
    *,
    actor: Actor,
    purpose: str,
    we_expect: str,
    they_expect: str,
    owner: Person | None,
    next_step: str,
    next_step_on: date | None,
) -> Strategy:
    if owner is not None and not may_own_strategy(owner, actor.territory):
        raise ValidationError({"owner": _("Choisissez une personne du territoire.")})
    strategy, _created = Strategy.objects.get_or_create(actor=actor)
    strategy.purpose, strategy.we_expect, strategy.they_expect = purpose, we_expect, they_expect
    strategy.owner, strategy.next_step, strategy.next_step_on = owner, next_step, next_step_on
    strategy.updated_at = timezone.now()
    strategy.save()
    return strategy


@transaction.atomic
def exchange_add(
    *, actor: Actor, recorded_by: Person, on: date, participants: str, summary: str
) -> Exchange:
    return Exchange.objects.create(
        actor=actor, recorded_by=recorded_by, on=on, participants=participants, summary=summary
    )
