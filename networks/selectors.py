"""Reads of the networks app: the loaders scoped to the user's territories (404 outside),
the records the map is drawn from on a day, the actors' list, and the strategies' next
steps that the home page shows in "Mes échéances".

Who sees what, on top of access.scopes: the members of a territory see its actors, their
contacts and strategies; the map shows the actors and the bodies the user sees
(`bodies_for`: where they sit, all of them for an administrator), so that the map never
tells who sits in a body one cannot open.
"""

from __future__ import annotations

from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, FilteredRelation, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from access.scopes import in_visible_bodies, territories_for
from accounts.models import Person
from bodies.models import Body, BodyMembership, current_on
from core.deadlines import Deadline
from networks.graph import ACTOR, BODY, Member, Network, Records, Seat
from networks.models import Actor, ActorContact, ActorLink, Exchange, Strategy, link_current_on
from territories.models import Organisation, Position, Territory

EXCHANGES_PER_PAGE = 10


# --- Loaders -----------------------------------------------------------------------------


def actors_for(user: Person) -> QuerySet[Actor]:
    return Actor.objects.filter(territory__in=territories_for(user))


def get_actor_for_user(user: Person, pk: int) -> Actor:
    return get_object_or_404(actors_for(user).select_related("territory"), pk=pk)


def get_contact_for_user(user: Person, pk: int) -> ActorContact:
    return get_object_or_404(
        ActorContact.objects.filter(actor__in=actors_for(user)).select_related("actor__territory"),
        pk=pk,
    )


def get_link_for_user(user: Person, pk: int) -> ActorLink:
    return get_object_or_404(
        ActorLink.objects.filter(actor__in=actors_for(user)).select_related(
            "actor__territory", "person"
        ),
        pk=pk,
    )


# --- The actors ---------------------------------------------------------------------------


def territory_actors(territory: Territory, on: date) -> QuerySet[Actor]:
    """The territory's actors by circle and name, each with `people`: how many people of
    the territory sit in its network on the day, and its strategy (one query)."""
    return (
        Actor.objects.filter(territory=territory)
        .annotate(
            people=Count("links__person", filter=link_current_on(on, "links__"), distinct=True)
        )
        .select_related("strategy__owner")
        .order_by("circle", "name", "pk")
    )


def actor_links(actor: Actor) -> QuerySet[ActorLink]:
    return actor.links.select_related("person").order_by("end_date", "start_date", "pk")


def actor_exchanges(actor: Actor, page: str | int | None) -> Page[Exchange]:
    exchanges = actor.exchanges.select_related("recorded_by").order_by("-on", "-pk")
    return Paginator(exchanges, EXCHANGES_PER_PAGE).get_page(page)


def actor_strategy(actor: Actor) -> Strategy | None:
    return Strategy.objects.filter(actor=actor).select_related("owner").first()


def may_own_strategy(person: Person, territory: Territory) -> bool:
    """The owner is a person of the territory: they must see the actor to carry it."""
    return territories_for(person).filter(pk=territory.pk).exists()


def strategy_owner_choices(territory: Territory) -> QuerySet[Person]:
    return (
        Person.objects.filter(territory_memberships__territory=territory, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def link_person_choices(territory: Territory) -> QuerySet[Person]:
    """The people who may sit in an actor's network: the territory's members and those
    who sit in its bodies."""
    in_territory = Q(territory_memberships__territory=territory) | Q(
        body_memberships__body__territory=territory
    )
    ids = Person.objects.filter(in_territory, is_active=True).values("pk")
    return Person.objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk")


# --- The map's records -----------------------------------------------------------------------


def _name(first: str, last: str) -> str:
    return f"{first} {last}".strip()


def map_records(user: Person, territory: Territory, on: date) -> Records:
    """Four queries whatever the territory's size: the bodies (those the user sees, alive
    on the day) with their seats on the day, the actors with their links on the day, the
    communes, and the functions held on the day in those communes by the people seated or
    linked (and access's list of the bodies the user sees, once per request)."""
    bodies = in_visible_bodies(
        Body.objects.filter(territory=territory, created_on__lte=on).filter(
            Q(archived_on__isnull=True) | Q(archived_on__gt=on)
        ),
        user,
        body_path="pk",
    )
    # Each body once per seat on the day, or once with no seat (a left join).
    body_rows = (
        bodies.annotate(
            seat=FilteredRelation("memberships", condition=current_on("memberships__", on))
        )
        .values_list(
            "pk",
            "name",
            "circle",
            "kind",
            "seat__person_id",
            "seat__person__first_name",
            "seat__person__last_name",
            "seat__role",
        )
        .order_by("circle", "name", "pk", "seat__start_date", "seat__pk")
    )
    networks: list[Network] = []
    body_ids: list[int] = []
    people: dict[str, Member] = {}
    body_seats: list[tuple[int, Seat]] = []
    body_kinds = dict(Body.Kind.choices)
    roles = dict(BodyMembership.Role.choices)
    for body_id, name, circle, kind, person_id, first, last, role in body_rows:
        if not body_ids or body_ids[-1] != body_id:
            body_ids.append(body_id)
            networks.append(
                Network(
                    key=f"b{body_id}",
                    name=name,
                    circle=circle,
                    source=BODY,
                    kind_label=str(body_kinds.get(kind, kind)),
                    url=reverse("bodies:detail", args=[body_id]),
                )
            )
        if person_id is not None:
            people.setdefault(f"p{person_id}", Member(f"p{person_id}", _name(first, last)))
            body_seats.append(
                (body_id, Seat(f"b{body_id}", f"p{person_id}", str(roles.get(role, ""))))
            )
    # The seats body by body (by id, as the drawing has always read them), by date within.
    body_seats.sort(key=lambda item: item[0])
    seats = [seat for _body_id, seat in body_seats]
    actor_rows = (
        Actor.objects.filter(territory=territory)
        .annotate(link=FilteredRelation("links", condition=link_current_on(on, "links__")))
        .values_list(
            "pk",
            "name",
            "circle",
            "kind",
            "link__person_id",
            "link__person__first_name",
            "link__person__last_name",
            "link__role",
        )
        .order_by("circle", "name", "pk", "link__start_date", "link__pk")
    )
    kinds = dict(Actor.Kind.choices)
    actor_seats: list[tuple[int, Seat]] = []
    last_actor: int | None = None
    for actor_id, name, circle, kind, person_id, first, last, role in actor_rows:
        if actor_id != last_actor:
            last_actor = actor_id
            networks.append(
                Network(
                    key=f"a{actor_id}",
                    name=name,
                    circle=circle,
                    source=ACTOR,
                    kind_label=str(kinds.get(kind, "")),
                    url=reverse("networks:actor_detail", args=[actor_id]),
                )
            )
        if person_id is not None:
            people.setdefault(f"p{person_id}", Member(f"p{person_id}", _name(first, last)))
            actor_seats.append((actor_id, Seat(f"a{actor_id}", f"p{person_id}", role)))
    actor_seats.sort(key=lambda item: item[0])
    seats += [seat for _actor_id, seat in actor_seats]
    seated = BodyMembership.objects.filter(current_on(on=on), body_id__in=body_ids)
    linked = ActorLink.objects.filter(link_current_on(on), actor__territory=territory)
    communes = dict(
        Organisation.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=on),
            territory=territory,
            kind=Organisation.Kind.COMMUNE,
        )
        .order_by("name")
        .values_list("pk", "name")
    )
    person_communes: dict[str, set[int]] = {}
    # The people as subqueries of the seats and links above, the communes through a join,
    # not as lists of ids: hundreds of ids took longer to send and plan than the rows.
    positions = (
        Position.objects.current(on)
        .filter(organisation__territory=territory, organisation__kind=Organisation.Kind.COMMUNE)
        .filter(
            Q(person_id__in=seated.values("person_id"))
            | Q(person_id__in=linked.values("person_id"))
        )
        .values_list("person_id", "organisation_id")
        .order_by()
    )
    for person_id, organisation_id in positions:
        if organisation_id in communes:  # not ended on the day
            person_communes.setdefault(f"p{person_id}", set()).add(organisation_id)
    return Records(
        networks=networks,
        people=people,
        seats=seats,
        communes=communes,
        person_communes=person_communes,
    )


# --- The home page's deadlines ------------------------------------------------------------------


def next_steps_for(person: Person, until: date) -> list[Deadline]:
    """The next steps of the strategies the person carries, due by `until` (overdue ones
    included): one query, for "Mes échéances"."""
    strategies = (
        Strategy.objects.filter(
            owner=person,
            next_step_on__isnull=False,
            next_step_on__lte=until,
            actor__territory__in=territories_for(person),
        )
        .select_related("actor")
        .order_by("next_step_on", "pk")
    )
    return [
        Deadline(
            on=strategy.next_step_on,
            label=_("Relation avec %(actor)s : %(step)s")
            % {"actor": strategy.actor.name, "step": strategy.next_step or _("prochaine étape")},
            url=strategy.actor.get_absolute_url() + "#strategie",
        )
        for strategy in strategies[:20]
        if strategy.next_step_on is not None
    ]
