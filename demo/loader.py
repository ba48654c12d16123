"""Loading the demo: the territory and its people (demo/people.py) first, then every
app's demo in the order of demo/registry.py, then the platform operator.

Loading twice changes nothing: people are matched by e-mail, positions by (person,
organisation, function), bodies by name, seats by (body, person, role, start); each
app's demo recognises what it already made.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from accounts.models import Person
from bodies.models import Body, BodyMembership
from bodies.services import body_create, membership_create
from decisions.proposals.notices import quiet
from demo.people import (
    ADDRESSES,
    DEMO_DOMAIN,
    DEMO_PASSWORD,
    DEMO_SIREN,
    LOCAL_ORGANISATIONS,
    OPERATOR_EMAIL,
    PEOPLE,
    DemoBody,
    DemoPerson,
    DemoPosition,
    demo_bodies,
)
from demo.registry import STEPS
from territories.importer import territory_import
from territories.models import Organisation, Position, Territory, TerritoryMember
from territories.services import position_create, territory_member_ensure


def _organisation(territory: Territory, name: str) -> Organisation:
    return territory.organisations.get(name=name, ended_on__isnull=True)


def _ensure_local_organisations(territory: Territory) -> None:
    for name, kind, parent_name in LOCAL_ORGANISATIONS:
        parent = _organisation(territory, parent_name) if parent_name else None
        Organisation.objects.get_or_create(
            territory=territory, name=name, defaults={"kind": kind, "parent": parent}
        )
    # Before the meetings are planned: their place is their host's address.
    for name, address in ADDRESSES.items():
        territory.organisations.filter(name=name, address="").update(address=address)


def _ensure_person(spec: DemoPerson) -> Person:
    person = Person.objects.filter(email=spec.email).first()
    if person is None:
        person = Person.objects.create_user(
            spec.email,
            DEMO_PASSWORD,
            first_name=spec.first_name,
            last_name=spec.last_name,
            phone=spec.phone,
            presentation=spec.presentation,
            stakes=spec.stakes,
            difficulties=spec.difficulties,
            projects=spec.projects,
            expertise=spec.expertise,
            agreement=spec.agreement,
        )
    elif spec.agreement and not person.agreement:
        # A demo loaded before the choice existed: add it, never overwrite one made since.
        person.agreement = spec.agreement
        person.save(update_fields=["agreement"])
    return person


def _ensure_position(territory: Territory, person: Person, spec: DemoPosition) -> Position:
    organisation = _organisation(territory, spec.organisation)
    existing = Position.objects.filter(
        person=person, organisation=organisation, function=spec.function
    ).first()
    if existing is not None:
        return existing
    return position_create(
        person=person,
        organisation=organisation,
        function=spec.function,
        title=spec.title,
        start_date=spec.start,
        end_date=spec.end,
    )


def _ensure_body(territory: Territory, spec: DemoBody) -> Body:
    body = Body.objects.filter(territory=territory, name=spec.name).first()
    if body is not None:
        return body
    parent = Body.objects.get(territory=territory, name=spec.parent) if spec.parent else None
    return body_create(
        territory=territory,
        name=spec.name,
        kind=spec.kind,
        circle=spec.circle,
        parent=parent,
        description=spec.description,
        created_on=date(2024, 1, 15),
    )


def _ensure_seat(
    body: Body,
    person: Person,
    role: str,
    organisation: Organisation | None,
    start: date,
    end: date | None,
) -> None:
    if BodyMembership.objects.filter(
        body=body, person=person, role=role, start_date=start
    ).exists():
        return
    position = (
        Position.objects.filter(person=person, organisation=organisation).first()
        if organisation
        else None
    )
    membership_create(
        body=body, person=person, role=role, position=position, start_date=start, end_date=end
    )


def _load_people_and_bodies(territory: Territory) -> None:
    _ensure_local_organisations(territory)
    people: dict[str, Person] = {}
    for spec in PEOPLE:
        person = _ensure_person(spec)
        people[spec.key] = person
        for position in spec.positions:
            _ensure_position(territory, person, position)
        if spec.admin:
            territory_member_ensure(
                territory=territory, person=person, role=TerritoryMember.Role.ADMIN
            )
    for body_spec in demo_bodies():
        body = _ensure_body(territory, body_spec)
        for key, role, organisation_name, start, end in body_spec.seats:
            organisation = (
                _organisation(territory, organisation_name) if organisation_name else None
            )
            _ensure_seat(body, people[key], role, organisation, start, end)


@transaction.atomic
def demo_load() -> Territory:
    """Import the demo territory, add the invented people, bodies and seats, then run
    every app's demo step (demo/registry.py)."""
    territory_import(siren=DEMO_SIREN)
    territory = Territory.objects.get(siren=DEMO_SIREN)
    _load_people_and_bodies(territory)
    with quiet():  # past records: nobody is mailed
        for step in STEPS:
            step.load(territory)
    if not Person.objects.filter(email=OPERATOR_EMAIL).exists():
        Person.objects.create_superuser(
            OPERATOR_EMAIL, DEMO_PASSWORD, first_name="Opérateur", last_name="Plate-forme"
        )
    return territory


def demo_logins() -> list[tuple[str, str]]:
    """(e-mail, what the person is) for the people a visitor may log in as."""
    described = {
        "claire.morvan": "DGS de l'EPCI, administratrice du territoire",
        "julien.brehier": "DGA de l'EPCI",
        "sophie.garnier": "DGS des Achards",
        "yannick.le-goff": "DGS de Nieul-le-Dolent, animateur du codir",
        "nadia.poirier": "secrétaire de mairie de Martinet et du Girouard",
        "thomas.lebreton": "responsable du service commun ADS",
        "helene.vasseur": "invitée (centre de gestion)",
    }
    rows = [(f"{key}@{DEMO_DOMAIN}", what) for key, what in described.items()]
    rows.append((OPERATOR_EMAIL, "opérateur de la plate-forme (administration)"))
    return rows
