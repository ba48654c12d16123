"""Demo opération miroir and maturity for the demo codir: two past sessions with results
(relations better, the framework lower the second time), one open session that
claire.morvan and yannick.le-goff have not answered yet, and a maturity self-assessment
every six months over two years, each with the next step chosen, the last one open today.
Answers go through the services (anonymous like any other). Idempotent: a part the codir
already has is left alone."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from bodies.models import Body, BodyMembership
from bodies.selectors import first_codir
from reflection import services
from reflection.models import MaturityRound, MirrorSession
from reflection.vademecum import FACTORS, LEVERS, OBSTACLES
from territories.models import Territory

DEMO_DOMAIN = "demo-achards.test"
NOT_YET = ("claire.morvan", "yannick.le-goff")  # the open session waits for them

# Per past session: the base value of each scale question (by its template key), and
# free-text answers to "what works" / "what should change".
PAST: tuple[tuple[int, dict[str, int], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        13,
        {"framework": 3, "relations": 3, "ease": 3, "others_bring": 4},
        (
            "Les réunions tournent d’une commune à l’autre : on découvre les mairies.",
            "Le compte-rendu arrive vite.",
            "On ose poser des questions de petite commune.",
        ),
        (
            "Écrire enfin le cadre de référence.",
            "Moins d’information descendante, plus de temps de travail.",
            "Préparer l’ordre du jour ensemble.",
        ),
    ),
    (
        7,
        {"framework": 2, "relations": 4, "ease": 3, "others_bring": 3},
        (
            "Le cadre de référence adopté : on sait de quoi on parle.",
            "L’animation tournante donne la parole à chacun.",
            "Les groupes de travail avancent entre les réunions.",
        ),
        (
            "Suivre les actions décidées d’une réunion à l’autre.",
            "Associer les secrétaires de mairie des plus petites communes.",
        ),
    ),
)

# Maturity: months ago, the stages given (one per member who answered), the next step.
MATURITY: tuple[tuple[int, tuple[int, ...], str], ...] = (
    (24, (1, 2, 2, 1, 2, 3), "Se doter d’une charte de fonctionnement : qui vient, quand, où."),
    (18, (2, 2, 3, 2, 2, 3), "Faire tourner l’animation entre DGS et secrétaires de mairie."),
    (12, (2, 3, 3, 3, 2, 3), "Bâtir le cadre de référence : nos missions, nos objets."),
    (6, (3, 3, 4, 3, 3, 4), "Mener un premier projet commun en donnant le lead à une commune."),
)


def _members(body: Body) -> list[Person]:
    seats = (
        BodyMembership.objects.current()
        .filter(body=body)
        .exclude(role=BodyMembership.Role.GUEST)
        .values("person_id")
    )
    return list(Person.objects.filter(pk__in=seats, is_active=True).order_by("email"))


def _key(person: Person) -> str:
    return person.email.split("@")[0]


def _answers(
    session: MirrorSession,
    base: dict[str, int],
    index: int,
    texts: tuple[str, ...],
    change: tuple[str, ...],
) -> dict[int, int | str | None]:
    answers: dict[int, int | str | None] = {}
    for question in session.questions.all():
        if question.scale and question.key in base:
            # around the base: -1, 0, +1 in turn, kept within 1 to 5
            answers[question.pk] = max(1, min(5, base[question.key] + (index % 3) - 1))
        elif question.key == "works" and index < len(texts):
            answers[question.pk] = texts[index]
        elif question.key == "change" and index < len(change):
            answers[question.pk] = change[index]
    return answers


def _months_ago(today: date, months: int) -> date:
    return services.add_months(today, -months)


def _mirror(body: Body, members: list[Person], actor: Person | None, today: date) -> None:
    if MirrorSession.objects.filter(body=body).exists():
        return
    services.schedule_set(body=body, per_year=2, next_on=None)
    for months, base, works, change in PAST:
        session = services.session_create(
            body=body, actor=actor, held_on=_months_ago(today, months)
        )
        services.session_open(session=session)
        for index, person in enumerate(members[:6]):
            services.mirror_answer(
                session=session,
                person=person,
                answers=_answers(session, base, index, works, change),
            )
        services.session_close(session=session)
        if months == 7 and actor is not None:
            services.plan_update(
                session=session,
                text="Suivre à chaque réunion les actions décidées ; inviter les secrétaires "
                "de mairie des plus petites communes au prochain groupe de travail.",
            )
            services.mirror_action_add(
                session=session,
                actor=actor,
                title="Ouvrir chaque réunion par le point sur les actions en retard",
                owner=actor,
            )
    services.schedule_set(body=body, per_year=2, next_on=services.add_months(today, 5))
    current = services.session_create(body=body, actor=actor, held_on=today)
    services.session_open(session=current)
    waiting = [p for p in members if _key(p) not in NOT_YET][:3]
    for index, person in enumerate(waiting):
        services.mirror_answer(
            session=current,
            person=person,
            answers=_answers(
                current,
                {"framework": 3, "relations": 4, "ease": 4, "others_bring": 4},
                index,
                (),
                (),
            ),
        )


def _maturity(body: Body, members: list[Person], actor: Person | None, today: date) -> None:
    if MaturityRound.objects.filter(body=body).exists():
        return
    factor_keys = [key for key, _label in FACTORS]
    obstacle_keys = [key for key, _label in OBSTACLES]
    lever_keys = [key for key, _label in LEVERS]
    for step, (months, stages, next_step) in enumerate(MATURITY):
        assessment = services.round_create(
            body=body, actor=actor, held_on=_months_ago(today, months)
        )
        for index, (person, stage) in enumerate(zip(members, stages, strict=False)):
            factors = {
                key: (1 if (i + index + step) % 3 == 0 else -1 if (i + index) % 4 == 0 else 0)
                for i, key in enumerate(factor_keys)
            }
            services.maturity_answer(
                round=assessment,
                person=person,
                stage=stage,
                factors=factors,
                obstacles=obstacle_keys[(index + step) % 5 :: 5][:3],
                levers=lever_keys[(index + 2 * step) % 4 :: 4][:3],
            )
        services.round_close(round=assessment)
        if actor is not None:
            services.next_step_record(round=assessment, actor=actor, text=next_step)
    # Today's, open: two members have given theirs, the facilitator not yet.
    current = services.round_create(body=body, actor=actor, held_on=today)
    for person in [p for p in members if _key(p) not in NOT_YET][:2]:
        services.maturity_answer(
            round=current, person=person, stage=4, factors={}, obstacles=[], levers=["trust"]
        )


@transaction.atomic
def demo_reflection(territory: Territory) -> None:
    body = first_codir(territory)
    if body is None:
        return
    members = _members(body)
    if len(members) < 4:
        return
    actor = Person.objects.filter(email=f"yannick.le-goff@{DEMO_DOMAIN}").first()
    today = timezone.localdate()
    _mirror(body, members, actor, today)
    _maturity(body, members, actor, today)
