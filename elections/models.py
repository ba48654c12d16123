"""Elections without candidates (élection sans candidat), as sociocracy holds them.

The seven steps of DOMAIN.md: 1 the role, its tasks and term are described; 2 each member
writes a nomination (who and why), hidden from the others; nobody applies; 3 the
nominations are read, with their reasons; 4 change round: anyone may change their
nomination, with the reason (the first one is kept); 5 the facilitator proposes a person;
6 a consent round on that proposal (decisions app), the nominee speaking last; 7 on
adoption the role is assigned for its term (a BodyMembership) and the next election is
due 30 days before the term ends.

Glossary: "nomination" is what a member writes (not a candidacy); "mandat" = term.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bodies.models import BodyMembership
from core.french import de_name

# The next election is due this many days before a term ends; the reminder leaves then.
NOTICE_DAYS = 30


class Election(models.Model):
    class Role(models.TextChoices):
        # Same values as BodyMembership.Role: the assigned seat takes this role.
        FACILITATOR = BodyMembership.Role.FACILITATOR.value, _("animateur·rice")
        SECRETARY = BodyMembership.Role.SECRETARY.value, _("secrétaire")
        DELEGATE = BodyMembership.Role.DELEGATE.value, _("délégué·e")

    class Phase(models.TextChoices):
        NOMINATION = "nomination", _("nominations écrites")
        READING = "reading", _("lecture des nominations")
        CHANGES = "changes", _("tour de changements")
        CONSENT = "consent", _("consentement sur la proposition")
        ASSIGNED = "assigned", _("rôle attribué")
        CANCELLED = "cancelled", _("annulée")

    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="elections",
        verbose_name=_("instance"),
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    # For a delegate: the body of the territory the delegate will sit in.
    target_body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegate_elections",
        verbose_name=_("délégation auprès de"),
    )
    description = models.TextField(_("le rôle"))
    tasks = models.TextField(_("ses tâches"), blank=True)
    term_months = models.PositiveSmallIntegerField(_("durée du mandat (mois)"), default=12)
    term_start = models.DateField(_("début du mandat souhaité"), null=True, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="elections",
        verbose_name=_("en réunion"),
    )
    phase = models.CharField(
        _("étape"), max_length=12, choices=Phase.choices, default=Phase.NOMINATION
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ouverte par"),
    )
    created_at = models.DateTimeField(_("ouverte le"), default=timezone.now)
    # The result (step 7).
    elected = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("élu·e"),
    )
    seat = models.ForeignKey(
        BodyMembership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="elections",
        verbose_name=_("participation attribuée"),
    )
    decided_on = models.DateField(_("décidée le"), null=True, blank=True)
    term_end = models.DateField(_("fin du mandat"), null=True, blank=True)
    next_election_on = models.DateField(_("prochaine élection"), null=True, blank=True)

    class Meta:
        verbose_name = _("élection sans candidat")
        verbose_name_plural = _("élections sans candidat")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("elections:detail", args=[self.pk])

    @property
    def title(self) -> str:
        return str(_("Élection : %(role)s") % {"role": self.role_label})

    @property
    def role_label(self) -> str:
        """« animateur·rice de X », « délégué·e de X auprès de Y »."""
        if self.role == self.Role.DELEGATE and self.target_body is not None:
            return str(
                _("délégué·e %(of_body)s auprès %(of_target)s")
                % {"of_body": de_name(self.body.name), "of_target": de_name(self.target_body.name)}
            )
        return str(
            _("%(role)s %(of_body)s")
            % {"role": self.get_role_display(), "of_body": de_name(self.body.name)}
        )

    @property
    def is_live(self) -> bool:
        return self.meeting_id is not None

    @property
    def in_progress(self) -> bool:
        return self.phase not in (self.Phase.ASSIGNED, self.Phase.CANCELLED)

    @property
    def nominations_visible(self) -> bool:
        """Nominations stay hidden while they are being written (step 2)."""
        return self.phase != self.Phase.NOMINATION


def delegate_capacity(body_name: str) -> str:
    """The capacity of a delegate's seat in the target body: it says whom they represent."""
    return str(_("délégué·e %(of_body)s") % {"of_body": de_name(body_name)})


def next_election_date(term_end: date) -> date:
    return term_end - timedelta(days=NOTICE_DAYS)


class Nomination(models.Model):
    """What one member wrote: whom they name for the role, and why. A nomination is
    never edited after the reading: a change in the change round is a new row that
    `replaces` the first one, with its own reason."""

    class Stage(models.TextChoices):
        FIRST = "first", _("nomination")
        CHANGE = "change", _("changement")

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="nominations", verbose_name=_("élection")
    )
    stage = models.CharField(_("tour"), max_length=6, choices=Stage.choices, default=Stage.FIRST)
    nominator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="nominations_given",
        verbose_name=_("proposé par"),
    )
    nominee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="nominations_received",
        verbose_name=_("personne proposée"),
    )
    reason = models.TextField(_("pourquoi"))
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="changed_by",
        verbose_name=_("remplace la nomination"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["election", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "nominator", "stage"], name="one_nomination_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nominator} → {self.nominee}"


class ElectionProposal(models.Model):
    """Step 5: the facilitator proposes a person, with the reasons heard. It is put to
    consent as a decisions.Proposal; if that proposal is withdrawn, another person may be
    proposed (a new row)."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("élection")
    )
    nominee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("personne proposée"),
    )
    reason = models.TextField(_("raisons"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposée par"),
    )
    proposal = models.OneToOneField(
        "decisions.Proposal",
        on_delete=models.PROTECT,
        related_name="election_proposal",
        verbose_name=_("proposition soumise au consentement"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("proposition d'élection")
        verbose_name_plural = _("propositions d'élection")
        ordering = ["election", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.election} · {self.nominee}"


class TermReminder(models.Model):
    """A reminder sent before a role's term ends: one per seat, so it leaves once."""

    seat = models.OneToOneField(
        BodyMembership, on_delete=models.CASCADE, related_name="term_reminder"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rappel de fin de mandat")
        verbose_name_plural = _("rappels de fin de mandat")

    def __str__(self) -> str:
        return str(self.seat)
