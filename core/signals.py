"""A signal for writes that bypass post_save and post_delete: QuerySet.bulk_create,
bulk_update and update change rows without a signal per row. A model whose rows someone
caches (access's per-request list of visible bodies reads seats and territory
administrators) uses BulkSignalQuerySet, and the cache listens to `rows_changed_in_bulk`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models
from django.dispatch import Signal

# Sent with sender=the model class after a bulk write of its rows.
rows_changed_in_bulk = Signal()

M = TypeVar("M", bound=models.Model)


class BulkSignalQuerySet(models.QuerySet[M]):
    def bulk_create(self, objs: Iterable[M], *args: Any, **kwargs: Any) -> list[M]:
        created = super().bulk_create(objs, *args, **kwargs)
        rows_changed_in_bulk.send(sender=self.model)
        return created

    def bulk_update(self, objs: Iterable[M], *args: Any, **kwargs: Any) -> int:
        updated = super().bulk_update(objs, *args, **kwargs)
        rows_changed_in_bulk.send(sender=self.model)
        return updated

    def update(self, **kwargs: Any) -> int:
        updated = super().update(**kwargs)
        rows_changed_in_bulk.send(sender=self.model)
        return updated
