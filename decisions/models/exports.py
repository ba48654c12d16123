"""A register export prepared in the background (too many decisions for a request): who
asked for it, with which filters, how far it got, and the file once it is ready. The file
lives in Django's default storage (the file system, or S3 through django-storages) and
is deleted when the export expires (`manage.py purge_register_exports`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegisterExportJob(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", _("PDF/A")
        ODT = "odt", _("ODT")

    class Status(models.TextChoices):
        QUEUED = "queued", _("en attente")
        RUNNING = "running", _("en préparation")
        READY = "ready", _("prêt")
        FAILED = "failed", _("échoué")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="register_exports"
    )
    territory = models.ForeignKey(
        "territories.Territory", on_delete=models.CASCADE, related_name="register_exports"
    )
    # Set for the export of one body's register (its guests export it without seeing the
    # territory); empty for the territory's register.
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="register_exports",
    )
    kind = models.CharField(max_length=3, choices=Kind.choices)
    # The register's query string (filters), replayed by the task with the requester's
    # visibility: the file holds what the requester could see when it was built.
    query = models.TextField(blank=True)
    source = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="exports/register/", blank=True)
    filename = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    # What building it cost the worker (seconds, peak resident memory of the process).
    seconds = models.FloatField(null=True, blank=True)
    peak_rss_mb = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The last sign of life: asked for (or again), taken by a worker, a chunk built. An
    # export in progress without one for CODIR_EXPORT_STALE_MINUTES is taken as dead (its
    # worker stopped) and shown failed, to be tried again (export_jobs.fail_stale).
    heartbeat_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.source} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("decisions:register_export", args=[self.pk])

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
