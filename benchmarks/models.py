"""What generate_dataset built, so that the benchmark finds its landmarks (the busiest and a
small territory, the largest meeting) and skips a generation already done at that scale."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Dataset(models.Model):
    scale = models.FloatField(_("échelle"))
    seed = models.PositiveIntegerField(_("graine"))
    seconds = models.FloatField(_("durée de génération (s)"))
    counts = models.JSONField(_("nombre de lignes par modèle"), default=dict)
    # Primary keys the benchmark measures: busiest_territory, small_territory,
    # largest_meeting.
    landmarks = models.JSONField(_("repères"), default=dict)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        verbose_name = _("jeu de données de mesure")
        verbose_name_plural = _("jeux de données de mesure")

    def __str__(self) -> str:
        return f"scale {self.scale} (seed {self.seed})"
