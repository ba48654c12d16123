"""The demo's coming days, so that each persona's home page has something to show
whatever the day the demo is loaded: the codir's monthly meeting may be four weeks
away, but something is always due this week.

- the purchasing working group (the codir's facilitator leads it, the secretary of
  Martinet and Le Girouard sits in it) meets in two days, convened;
- the mayors' conference, where the EPCI's DGS (the territory's administrator) is the
  codir's delegate, meets in two days, convened;
- the network of town-hall secretaries meets in three weeks: its agenda is open;
- the EPCI's DGA has opened a proposal in the codir, in its clarifying-questions round
  until the end of the week: every member's answer is awaited;
- the secretary of Martinet is four days late with the road lengths the codir asked of
  her two communes (the facilitator and the administrator have late actions already).

Loading twice changes nothing: meetings are recognised by their body and title, the
proposal and the action by their title. Run last (demo/registry.py): the minutes in
review, the round and the actions of the other steps are the rest of each home page.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from bodies.models import Body
from decisions.models import Proposal
from decisions.proposals.services import Scope, proposal_advance, proposal_create, proposal_open
from demo.people import CODIR, DEMO_DOMAIN
from followup.models import Action
from followup.services import action_create
from governance.models import FrameworkObject
from meetings.convocation import meeting_convene
from meetings.models import AgendaItem, Meeting
from meetings.services import meeting_create
from territories.models import Organisation, Territory

WORKING_GROUP = "Groupe de travail achats mutualisés"
MAYORS = "Conférence des maires"
NETWORK = "Réseau des secrétaires de mairie"

PROPOSAL_TITLE = "Une astreinte hivernale de déneigement partagée entre les communes"
PROPOSAL_TEXT = (
    "Les services techniques des communes volontaires tiennent une astreinte commune de "
    "décembre à février, une semaine chacun à tour de rôle.\n\n"
    "- La communauté de communes prête la saleuse et tient le planning.\n"
    "- Chaque commune reste responsable de ses voies ; l'astreinte intervient en renfort."
)
PROPOSAL_OBJECT = "Voirie et travaux"
PROPOSAL_CONTEXT = (
    "L'hiver dernier, deux communes sans agent disponible ont attendu une journée avant "
    "de pouvoir saler les routes des écoles."
)


def _person(key: str) -> Person:
    return Person.objects.get(email=f"{key}@{DEMO_DOMAIN}")


def _at(days: int, hour: int, minutes: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minutes)))


def _meeting(
    body: Body,
    *,
    title: str,
    days: int,
    hour: int,
    host: str,
    place: str,
    items: list[tuple[str, str, str]],
    convene_by: str = "",
) -> Meeting:
    """A one-off meeting of `body` in `days` days, with its items ((title, kind, proposer
    key)); convened by `convene_by` when given."""
    meeting = body.meetings.filter(title=title).first()
    if meeting is None:
        organisation = Organisation.objects.filter(
            territory_id=body.territory_id, name=host, ended_on__isnull=True
        ).first()
        meeting = meeting_create(
            body=body,
            starts_at=_at(days, hour),
            ends_at=_at(days, hour + 2),
            title=title,
            place=place,
            host=organisation,
        )
    for position, (item_title, kind, proposer) in enumerate(items, start=1):
        if not meeting.items.filter(title=item_title).exists():
            person = _person(proposer)
            AgendaItem.objects.create(
                meeting=meeting,
                title=item_title,
                kind=kind,
                proposed_by=person,
                presenter=person,
                position=position,
            )
    if convene_by and meeting.status in (Meeting.Status.PLANNED, Meeting.Status.AGENDA_OPEN):
        meeting_convene(meeting=meeting, actor=_person(convene_by), notify=False)
    return meeting


def _proposal(codir: Body) -> None:
    if Proposal.objects.filter(body=codir, title=PROPOSAL_TITLE).exists():
        return
    proposer = _person("julien.brehier")
    framework_object = (
        FrameworkObject.objects.filter(
            framework__body=codir, framework__adopted_on__isnull=False, title=PROPOSAL_OBJECT
        )
        .order_by("-framework__version")
        .first()
    )
    proposal = proposal_create(
        body=codir,
        proposer=proposer,
        title=PROPOSAL_TITLE,
        text=PROPOSAL_TEXT,
        context=PROPOSAL_CONTEXT,
        scope=Scope(object=framework_object),
    )
    proposal_open(proposal=proposal, actor=proposer)
    if proposal.phase == Proposal.Phase.PRESENTATION:
        proposal_advance(proposal=proposal, actor=proposer, deadline=_at(4, 18))


LATE_ACTION = "Transmettre les linéaires de voirie de Martinet et du Girouard"


def _late_action(codir: Body) -> None:
    if Action.objects.filter(body=codir, title=LATE_ACTION).exists():
        return
    martinet = Organisation.objects.filter(
        territory_id=codir.territory_id, name="Martinet", ended_on__isnull=True
    ).first()
    action_create(
        body=codir,
        actor=_person("claire.morvan"),
        title=LATE_ACTION,
        details="Pour le groupement de commandes d'entretien de la voirie : les linéaires "
        "de voies communales de chaque commune, avant la consultation.",
        owner=_person("nadia.poirier"),
        organisation=martinet,
        due_on=timezone.localdate() - timedelta(days=4),
    )


@transaction.atomic
def demo_week_ahead(territory: Territory) -> None:
    bodies = {body.name: body for body in Body.objects.filter(territory=territory)}
    K = AgendaItem.Kind
    if WORKING_GROUP in bodies:
        _meeting(
            bodies[WORKING_GROUP],
            title="Groupement de commandes : fournitures et produits d'entretien",
            days=2,
            hour=14,
            host="Nieul-le-Dolent",
            place="Mairie de Nieul-le-Dolent, salle du conseil",
            items=[
                ("Besoins recensés dans les neuf communes", K.INFORMATION, "pierre.auger"),
                ("Lots et calendrier de la consultation", K.DECISION, "yannick.le-goff"),
            ],
            convene_by="yannick.le-goff",
        )
    if MAYORS in bodies:
        _meeting(
            bodies[MAYORS],
            title="Point d'étape du codir aux maires",
            days=2,
            hour=18,
            host="CC du Pays des Achards",
            place="Siège de la communauté de communes, La Mothe-Achard",
            items=[
                ("Propositions du codir : le pool de remplaçant·es", K.INFORMATION, "claire.morvan")
            ],
            convene_by="claire.morvan",
        )
    if NETWORK in bodies:
        _meeting(
            bodies[NETWORK],
            title="Réseau des secrétaires : échanges de pratiques",
            days=21,
            hour=10,
            host="Martinet",
            place="Mairie de Martinet",
            items=[("Préparer les élections : listes et bureaux de vote", K.WORK, "nadia.poirier")],
        )
    if CODIR in bodies:
        _proposal(bodies[CODIR])
        _late_action(bodies[CODIR])
