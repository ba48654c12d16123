"""People and their access: the custom user model and invitations."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import fold
from core.tokens import new_calendar_token


class PersonManager(BaseUserManager["Person"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> Person:
        return self.get(email__iexact=username)

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> Person:
        if not email:
            raise ValueError("A person needs an e-mail address.")
        person = self.model(email=self.normalize_email(email).lower(), **extra)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> Person:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class Person(AbstractBaseUser, PermissionsMixin):
    """Someone who uses Codir, or is known to it: a DGS, a secretary, a guest.

    The profile fields are the vademecum's relational function: what each one does,
    their stakes, difficulties and projects, written by the person themselves.
    """

    email = models.EmailField(_("adresse électronique"), unique=True)
    first_name = models.CharField(_("prénom"), max_length=150)
    last_name = models.CharField(_("nom"), max_length=150)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    presentation = models.TextField(_("ce que je fais"), blank=True)
    stakes = models.TextField(_("mes enjeux"), blank=True)
    difficulties = models.TextField(_("mes difficultés"), blank=True)
    projects = models.TextField(_("mes projets"), blank=True)
    expertise = models.TextField(
        _("expériences et savoir-faire"),
        blank=True,
        help_text=_("Ce que vous avez déjà mené et sur quoi vous pouvez aider vos pairs."),
    )
    is_active = models.BooleanField(_("actif"), default=True)
    is_staff = models.BooleanField(
        _("opérateur de la plate-forme"),
        default=False,
        help_text=_("Accès à l'administration technique de la plate-forme."),
    )
    date_joined = models.DateTimeField(_("inscrit le"), default=timezone.now)

    class Notifications(models.TextChoices):
        IMMEDIATE = "immediate", _("un courriel à chaque fois")
        DIGEST = "digest", _("un récapitulatif par jour")

    notifications = models.CharField(
        _("courriels"),
        max_length=10,
        choices=Notifications.choices,
        default=Notifications.IMMEDIATE,
    )

    class Agreement(models.TextChoices):
        """How the person's roles and functions are written beside their name
        (core.french.agree): persons have no gender field, they say how to be named."""

        INCLUSIVE = "", _("forme inclusive (animateur·rice)")
        FEMININE = "f", _("au féminin (animatrice)")
        MASCULINE = "m", _("au masculin (animateur)")

    agreement = models.CharField(
        _("accord de mes rôles et fonctions"),
        max_length=1,
        choices=Agreement.choices,
        default=Agreement.INCLUSIVE,
        blank=True,
        help_text=_(
            "Comment écrire vos rôles et fonctions à côté de votre nom. Là où personne en "
            "particulier n’est désigné, les pages gardent la forme inclusive."
        ),
    )
    # Secret of the person's private calendar feed (all their meetings); renewable.
    calendar_token = models.CharField(max_length=64, default=new_calendar_token, editable=False)
    # The texts the directory searches (SEARCHED_FIELDS), folded by core.text.fold and
    # kept up to date by save(): a plain substring search on one column (with a trigram
    # index on PostgreSQL, accounts migration 0005) instead of accent patterns per field.
    search_text = models.TextField(editable=False, blank=True, default="")

    SEARCHED_FIELDS = ("first_name", "last_name", "presentation", "expertise", "projects")

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="person_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = self.email.strip().lower()
        self.search_text = self.folded_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(self.SEARCHED_FIELDS):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def folded_search_text(self) -> str:
        """One line per searched text, so that no word spans two of them."""
        return "\n".join(fold(getattr(self, name) or "") for name in self.SEARCHED_FIELDS)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.first_name or self.email

    def get_absolute_url(self) -> str:
        return reverse("people:person_detail", args=[self.pk])


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A single-use, expiring link that brings a person into a territory or a body.

    Only the token's hash is stored: a leaked database does not leak working links.
    """

    class TerritoryRole(models.TextChoices):
        MEMBER = "member", _("membre")
        ADMIN = "admin", _("administrateur du territoire")

    email = models.EmailField(_("adresse électronique"))
    first_name = models.CharField(_("prénom"), max_length=150, blank=True)
    last_name = models.CharField(_("nom"), max_length=150, blank=True)
    territory = models.ForeignKey(
        "territories.Territory",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("territoire"),
    )
    territory_role = models.CharField(
        _("rôle dans le territoire"),
        max_length=10,
        choices=TerritoryRole.choices,
        default=TerritoryRole.MEMBER,
    )
    organisation = models.ForeignKey(
        "territories.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    function = models.CharField(_("fonction"), max_length=40, blank=True)
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("instance"),
    )
    body_role = models.CharField(_("rôle dans l'instance"), max_length=20, blank=True)
    capacity = models.CharField(_("à quel titre"), max_length=200, blank=True)
    message = models.TextField(_("message personnel"), blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
        verbose_name=_("invité par"),
    )
    created_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    expires_at = models.DateTimeField(_("expire le"))
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
    )
    revoked_at = models.DateTimeField(_("annulée le"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.territory}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    def set_token(self, token: str) -> None:
        self.token_hash = hash_token(token)

    def set_expiry(self) -> None:
        self.expires_at = self.created_at + timedelta(days=settings.CODIR_INVITATION_DAYS)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired
