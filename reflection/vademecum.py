"""What the vademecum of the co-dir de territoire (CNFPT, 2018) asks a codir to look at,
in its own words: the questions of the opération miroir, the factors and stages of its
maturation, the obstacles and the levers. Keys are stable (they are stored); labels are
the vademecum's sentences, translated through gettext."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class TemplateQuestion:
    key: str
    text: Promise
    scale: bool  # a scale from 1 to 5, else free text
    low: Promise | str = ""  # what 1 means on the scale
    high: Promise | str = ""  # what 5 means


# « Régulièrement, procéder à un temps réflexif : Opération "miroir" »: its questions.
MIRROR_QUESTIONS: tuple[TemplateQuestion, ...] = (
    TemplateQuestion(
        "framework",
        _("Où en est-on par rapport au cadre de référence ?"),
        True,
        _("très loin"),
        _("nous le vivons pleinement"),
    ),
    TemplateQuestion("works", _("Qu’est-ce qui fonctionne ?"), False),
    TemplateQuestion("fails", _("Qu’est-ce qui ne fonctionne pas ?"), False),
    TemplateQuestion(
        "relations",
        _("Comment se passent les relations entre nous ? Comment les vit-on ?"),
        True,
        _("très mal"),
        _("très bien"),
    ),
    TemplateQuestion(
        "ease",
        _("Est-ce que je me sens bien, à l’aise, ou au contraire mal à l’aise ?"),
        True,
        _("très mal à l’aise"),
        _("tout à fait à l’aise"),
    ),
    TemplateQuestion("circumstances", _("Et dans quelles circonstances ?"), False),
    TemplateQuestion(
        "others_bring",
        _("Qu’est-ce que les autres m’apportent ?"),
        True,
        _("rien"),
        _("beaucoup"),
    ),
    TemplateQuestion("i_bring", _("Qu’est-ce que je pense leur apporter ?"), False),
    TemplateQuestion("uncooperative", _("Quand n’ai-je pas été coopératif ?"), False),
    TemplateQuestion("expect", _("Qu’est-ce que j’attends des autres ?"), False),
    TemplateQuestion("change", _("Et que changer ?"), False),
)


@dataclass(frozen=True)
class Stage:
    number: int
    name: Promise
    description: Promise


# « Prendre conscience des étapes : quelles sont celles que nous avons franchies ? Quelle
# pourrait être la prochaine ? » The vademecum draws no fixed scale (« pas de modèle »):
# these five steps are a reading of its pages, in plain French, that a codir may discuss.
STAGES: tuple[Stage, ...] = (
    Stage(
        1,
        _("Se rencontrer"),
        _(
            "Nous nous retrouvons de temps en temps ; chacun vient surtout s’informer. "
            "L’instance ne va pas encore de soi."
        ),
    ),
    Stage(
        2,
        _("Se faire confiance et s’informer"),
        _(
            "L’information circule dans les deux sens ; nous prenons le risque de faire "
            "confiance a priori et nous nous connaissons mieux."
        ),
    ),
    Stage(
        3,
        _("Se donner des règles"),
        _(
            "Une charte dit qui vient, à quelle fréquence, comment on anime ; chacun a voix "
            "au chapitre, quel que soit le poids de son organisation."
        ),
    ),
    Stage(
        4,
        _("Produire ensemble"),
        _(
            "Le cadre de référence dit nos missions et nos objets ; nous menons des projets "
            "communs en donnant le lead à l’un puis à l’autre."
        ),
    ),
    Stage(
        5,
        _("Un Co-dir moteur"),
        _(
            "Les élus nous confient un mandat, le projet de territoire nous légitime ; le "
            "Co-dir est un « hub » qui essaime dans les réseaux du territoire."
        ),
    ),
)
STAGE_NAMES = {stage.number: stage.name for stage in STAGES}

# « De multiples facteurs interagissent et lui donnent sa singularité. »
FACTORS: tuple[tuple[str, Promise], ...] = (
    ("origins", _("Les principes d’origine de l’intercommunalité")),
    ("power", _("Les écarts de puissance (l’asymétrie entre organisations)")),
    ("size", _("La taille du territoire et le nombre")),
    ("heterogeneity", _("Le taux d’hétérogénéité")),
    ("people", _("Les personnes (egos, susceptibilités, désirs et volontés)")),
    ("project", _("L’existence d’un projet de territoire")),
    ("mandate", _("Un mandat confié par les élus")),
    ("charter", _("Une charte de fonctionnement")),
    ("framework", _("Un cadre de référence du Co-dir")),
)
FACTOR_NAMES = dict(FACTORS)

# How a member sees each factor today: it holds the codir back, or carries it.
HINDERS, NEUTRAL, CARRIES = -1, 0, 1
FACTOR_EFFECTS: tuple[tuple[int, Promise], ...] = (
    (HINDERS, _("freine")),
    (NEUTRAL, _("sans effet net")),
    (CARRIES, _("porte")),
)

# « Ce qui vient freiner, ce sur quoi vous butez. »
OBSTACLES: tuple[tuple[str, Promise], ...] = (
    ("power_logic", _("Les logiques de pouvoir")),
    ("egos", _("Les sensibilités des « egos »")),
    ("expectations", _("Les différentiels d’attentes")),
    ("immaturity", _("L’immaturation de certains territoires ou communes")),
    ("destabilisation", _("La déstabilisation intense des petites communes et de leurs maires")),
    ("instability", _("L’instabilité institutionnelle ou les changements politiques")),
    ("no_project", _("L’absence de projet de territoire")),
    ("time", _("Le temps à consacrer à la coopération")),
    ("inward", _("Une interco tournée sur elle-même et sur son organisation")),
    ("number", _("Le nombre, la taille")),
    ("gap", _("Le fossé entre petites communes et interco")),
    ("expertise", _("Les différentiels d’attentes et d’expertise")),
    ("verticality", _("La force de la verticalité et de la culture hiérarchique")),
    ("budget", _("Les contraintes budgétaires")),
    ("will", _("Le manque de volonté des élus")),
)

# « Ce qui facilite et peut faire levier ? »
LEVERS: tuple[tuple[str, Promise], ...] = (
    ("framework", _("Bâtir le cadre de référence du Co-dir")),
    ("charter", _("Se doter d’une charte de fonctionnement")),
    ("mirror", _("Procéder régulièrement à un temps réflexif : l’opération miroir")),
    ("self", _("L’intelligence collective, en premier lieu un acte individuel")),
    ("trust", _("Faire confiance a priori")),
    ("information", _("La circulation de l’information et la transparence")),
    ("facilitation", _("L’animation de la réunion du Co-dir")),
    ("production", _("La production : faire et produire ensemble")),
    ("formalisation", _("La formalisation : contrats, chartes, méthodes, outils")),
    ("dissemination", _("La dissémination : être un « hub » de réseaux")),
)
