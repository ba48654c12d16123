"""Reads of the audit trail. Callers pass an object they already reached through its
access helper: the trail of an object is visible to whoever may see the object."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from territories.models import Territory


def history_for(instance: Model) -> QuerySet[LogEntry]:
    content_type = ContentType.objects.get_for_model(instance.__class__)
    return (
        LogEntry.objects.filter(content_type=content_type, object_id=instance.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


def history_for_territory(territory: Territory) -> QuerySet[LogEntry]:
    return (
        LogEntry.objects.filter(additional_data__territory=territory.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
