"""Documents shared with a body, a meeting or an agenda item, with their versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def document_path(instance: Document, filename: str) -> str:
    # The stored name is ours (a random folder and the sanitised name), never the user's path.
    return f"documents/{instance.body_id}/{timezone.now():%Y/%m}/{filename}"


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

    @property
    def is_latest(self) -> bool:
        return not hasattr(self, "next_version")
