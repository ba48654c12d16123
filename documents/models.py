"""Documents shared with a body, a meeting or an agenda item, with their versions. The
meeting and the item are string references: this app imports no meeting code."""

from __future__ import annotations

import secrets
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.files import safe_filename


def document_path(instance: Document, filename: str) -> str:
    # The stored name is ours (a random folder and the sanitised name), never the user's
    # path: two uploads of the same name never collide and nothing can be guessed.
    return f"documents/{instance.body_id}/{secrets.token_hex(16)}/{safe_filename(filename)}"


class Document(models.Model):
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("instance"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("réunion"),
    )
    item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("point de l'ordre du jour"),
    )
    title = models.CharField(_("titre"), max_length=200)
    file = models.FileField(_("fichier"), upload_to=document_path, max_length=300)
    original_name = models.CharField(_("nom du fichier"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("taille (octets)"))
    version = models.PositiveIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_version",
        verbose_name=_("version précédente"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("déposé par"),
    )
    uploaded_at = models.DateTimeField(_("déposé le"), default=timezone.now)
    # Shared by every version of one document: its history is one query.
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(item__isnull=True) | Q(meeting__isnull=False),
                name="document_item_has_meeting",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    @property
    def is_latest(self) -> bool:
        return not hasattr(self, "next_version")

    @property
    def filename(self) -> str:
        """The sanitised name the file is stored and downloaded under."""
        return PurePosixPath(self.file.name).name

    @property
    def extension(self) -> str:
        return PurePosixPath(self.file.name).suffix.lstrip(".").upper()
