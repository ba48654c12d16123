"""Create or refresh territories from the official data (territories/officialdata.py).

Communes are matched by INSEE code, communes déléguées by their official code, so that a
new vintage of the data updates what exists: a renamed commune is renamed, a commune
merged into a commune nouvelle becomes one of its communes déléguées (same row, so the
positions held in it stay), and a commune that left the EPCI or vanished gets `ended_on`
(it is never deleted). What is local (address, description, positions, organisations
that are not in the official data) is never touched.

New organisations are bulk-created for speed, with their audit entries written
alongside, as django-auditlog would have written them one by one; updates go through
save() so that the audit trail holds their before and after.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from auditlog import get_logentry_model
from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled
from auditlog.diff import model_instance_diff
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import Model
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.french import de_name
from territories import officialdata
from territories.models import Organisation, Territory
from territories.officialdata import (
    OfficialCommune,
    OfficialData,
    OfficialDelegatedCommune,
    OfficialEpci,
)

Progress = Callable[[str], None]
AllProgress = Callable[[int, int], None]

Kind = Organisation.Kind
# How the report names an updated field.
_FIELD_LABELS = {f.name: f.verbose_name for f in Organisation._meta.concrete_fields}
BULK_BATCH_SIZE = 500
CHUNK_SIZE = 50  # EPCI imported together by import_all


class UnknownEpciError(LookupError):
    """No EPCI with this SIREN in the official data."""

    def __init__(self, siren: str, suggestions: list[OfficialEpci]) -> None:
        self.siren = siren
        self.suggestions = suggestions
        super().__init__(
            _("Aucun EPCI de SIREN %(siren)s dans les données officielles.") % {"siren": siren}
        )


class ImportConflictError(Exception):
    """A local organisation holds the INSEE code of an official commune."""


@dataclass
class ImportReport:
    """What one territory import did."""

    siren: str
    name: str
    territory_id: int | None = None
    territory_created: bool = False
    territory_updated: bool = False
    created: int = 0
    updated: int = 0
    ended: int = 0
    changes: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # names of the new communes

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.territory_created
            or self.territory_updated
            or self.created
            or self.updated
            or self.ended
        )

    def summary(self) -> str:
        if self.territory_created:
            head = _("%(name)s (SIREN %(siren)s) : territoire créé.")
        elif self.changed_anything:
            head = _("%(name)s (SIREN %(siren)s) : territoire mis à jour.")
        else:
            head = _("%(name)s (SIREN %(siren)s) : déjà à jour, rien n'a changé.")
            return head % {"name": self.name, "siren": self.siren}
        return " ".join([head % {"name": self.name, "siren": self.siren}, counts_sentence(self)])


@dataclass
class ImportAllReport:
    """What an import of every EPCI did."""

    reports: list[ImportReport]
    seconds: float

    @property
    def territories_created(self) -> int:
        return sum(1 for report in self.reports if report.territory_created)

    @property
    def created(self) -> int:
        return sum(report.created for report in self.reports)

    @property
    def updated(self) -> int:
        return sum(report.updated for report in self.reports)

    @property
    def ended(self) -> int:
        return sum(report.ended for report in self.reports)

    def summary(self) -> str:
        count = len(self.reports)
        head = ngettext(
            "%(count)d EPCI traité en %(seconds).1f s ; territoires créés : %(new)d.",
            "%(count)d EPCI traités en %(seconds).1f s ; territoires créés : %(new)d.",
            count,
        ) % {"count": count, "seconds": self.seconds, "new": self.territories_created}
        return " ".join([head, counts_sentence(self)])


def counts_sentence(report: ImportReport | ImportAllReport) -> str:
    # Counts after a colon: no plural to agree, in French or in English.
    return _(
        "Organisations créées : %(created)d ; mises à jour : %(updated)d ; "
        "sorties du territoire : %(ended)d."
    ) % {"created": report.created, "updated": report.updated, "ended": report.ended}


def territory_import(
    *, siren: str, progress: Progress | None = None, dry_run: bool = False
) -> ImportReport:
    """Create or update the territory of the EPCI `siren`, in one transaction.

    With `dry_run`, the import is written and rolled back: the report says what it would
    change, decided by the same code as the real import."""
    data = officialdata.official_data()
    epci = data.epci(siren)
    if epci is None:
        raise UnknownEpciError(siren, data.suggest(siren))
    with transaction.atomic():
        [report] = _import_epcis(data, [epci], timezone.now(), progress)
        if dry_run:
            transaction.set_rollback(True)
    return report


def import_all(*, progress: AllProgress | None = None) -> ImportAllReport:
    """Import every EPCI of the official data, in one transaction; `progress(done, total)`
    is called after each chunk of EPCI."""
    data = officialdata.official_data()
    epcis = sorted(data.epcis.values(), key=lambda epci: epci.siren)
    started = time.perf_counter()
    reports: list[ImportReport] = []
    now = timezone.now()
    with transaction.atomic():
        for first in range(0, len(epcis), CHUNK_SIZE):
            reports.extend(_import_epcis(data, epcis[first : first + CHUNK_SIZE], now, None))
            if progress:
                progress(len(reports), len(epcis))
    return ImportAllReport(reports=reports, seconds=time.perf_counter() - started)


def _import_epcis(
    data: OfficialData, epcis: list[OfficialEpci], now: datetime, progress: Progress | None
) -> list[ImportReport]:
    """Import a few EPCI together, so that their new rows are inserted in a few queries."""
    today = timezone.localdate(now)
    territories = _territories_ensure(data, epcis, now)
    existing: dict[int, list[Organisation]] = {}
    for org in Organisation.objects.filter(
        territory__in=[t for t, created, _changes in territories.values() if not created]
    ):
        existing.setdefault(org.territory_id, []).append(org)
    creations = _Creations()
    syncs: list[tuple[_TerritorySync, list[OfficialCommune]]] = []
    for epci in epcis:
        territory, created, territory_changes = territories[epci.siren]
        report = ImportReport(
            siren=epci.siren,
            name=epci.name,
            territory_id=territory.pk,
            territory_created=created,
            territory_updated=bool(territory_changes),
            changes=territory_changes,
        )
        for change in territory_changes:
            if progress:
                progress(change)
        sync = _TerritorySync(
            territory, existing.get(territory.pk, []), report, today, progress, creations
        )
        sync.epci(epci)
        members = data.members(epci)
        for commune in members:
            sync.commune(commune)
        syncs.append((sync, members))
    creations.flush()  # communes need their primary key before their communes déléguées
    for sync, members in syncs:
        for commune in members:
            for delegated in data.delegated_of(commune.code):
                sync.delegated(delegated)
    creations.flush()
    for sync, _members in syncs:
        sync.end_unclaimed()
    log_bulk_creations(Organisation, creations.created)
    return [sync.report for sync, _members in syncs]


def _territories_ensure(
    data: OfficialData, epcis: list[OfficialEpci], now: datetime
) -> dict[str, tuple[Territory, bool, list[str]]]:
    """The territory of each EPCI by SIREN, whether it was just created, and what changed."""
    found = {t.siren: t for t in Territory.objects.filter(siren__in=[e.siren for e in epcis])}
    result: dict[str, tuple[Territory, bool, list[str]]] = {}
    new: list[Territory] = []
    unchanged: list[int] = []
    for epci in epcis:
        values = {"name": epci.name, "epci_type": epci.type, "data_source": data.label}
        territory = found.get(epci.siren)
        if territory is None:
            territory = Territory(siren=epci.siren, imported_at=now, **values)
            new.append(territory)
            result[epci.siren] = (territory, True, [])
            continue
        changed = [name for name, value in values.items() if getattr(territory, name) != value]
        result[epci.siren] = (territory, False, _territory_changes(territory, values, changed))
        if changed:
            for name in changed:
                setattr(territory, name, values[name])
            territory.imported_at = now
            territory.save(update_fields=[*changed, "imported_at"])
        else:
            unchanged.append(territory.pk)
    if new:
        Territory.objects.bulk_create(new, batch_size=BULK_BATCH_SIZE)
        log_bulk_creations(Territory, new)
    if unchanged:
        # Only the date of the check changes: not worth an audit entry.
        Territory.objects.filter(pk__in=unchanged).update(imported_at=now)
    return result


def _territory_changes(
    territory: Territory, values: dict[str, str], changed: list[str]
) -> list[str]:
    changes = []
    if "name" in changed:
        changes.append(
            _("Territoire renommé : %(old)s → %(new)s.")
            % {"old": territory.name, "new": values["name"]}
        )
    if "epci_type" in changed:
        changes.append(
            _("Type d'EPCI : %(old)s → %(new)s.")
            % {"old": territory.epci_type, "new": values["epci_type"]}
        )
    if "data_source" in changed:
        changes.append(
            _("Données officielles : %(old)s → %(new)s.")
            % {"old": territory.data_source or "—", "new": values["data_source"]}
        )
    return changes


class _Creations:
    """New organisations waiting to be inserted together."""

    def __init__(self) -> None:
        self.pending: list[Organisation] = []
        self.created: list[Organisation] = []

    def add(self, org: Organisation) -> None:
        self.pending.append(org)

    def flush(self) -> None:
        if self.pending:
            Organisation.objects.bulk_create(self.pending, batch_size=BULK_BATCH_SIZE)
            self.created.extend(self.pending)
            self.pending = []


class _TerritorySync:
    """Matches one territory's organisations against the official data and writes the
    difference: updates at once, creations through `creations`."""

    def __init__(
        self,
        territory: Territory,
        existing: list[Organisation],
        report: ImportReport,
        today: date,
        progress: Progress | None,
        creations: _Creations,
    ) -> None:
        self.territory = territory
        self.existing = existing
        self.report = report
        self.today = today
        self.progress = progress
        self.creations = creations
        self.by_insee = {org.insee_code: org for org in existing if org.insee_code}
        self.delegated_by_code = {
            org.official_code: org
            for org in existing
            if org.kind == Kind.DELEGATED_COMMUNE and org.official_code
        }
        self.claimed: set[int] = set()
        self.communes: dict[str, Organisation] = {}

    def epci(self, epci: OfficialEpci) -> None:
        values: dict[str, Any] = {
            "kind": Kind.EPCI,
            "name": epci.name,
            "siren": epci.siren,
            "population": epci.population_municipal,
            "is_official": True,
            "ended_on": None,
        }
        epci_orgs = [org for org in self.existing if org.kind == Kind.EPCI]
        match = next((org for org in epci_orgs if org.siren == epci.siren), None) or next(
            (org for org in epci_orgs if org.is_official), None
        )
        self._apply(match, values)

    def commune(self, commune: OfficialCommune) -> None:
        values: dict[str, Any] = {
            "kind": Kind.COMMUNE,
            "name": commune.name,
            "insee_code": commune.code,
            "official_code": commune.code,
            "siren": commune.siren,
            "population": commune.population,
            "departement": commune.departement,
            "region": commune.region,
            "parent_id": None,
            "is_official": True,
            "ended_on": None,
        }
        match = self.by_insee.get(commune.code)
        self._check_kind(match, commune.code)
        self.communes[commune.code] = self._apply(match, values)

    def delegated(self, delegated: OfficialDelegatedCommune) -> None:
        parent = self.communes[delegated.parent_code]
        # The chef-lieu's code belongs to its commune nouvelle in insee_code.
        insee_code = "" if delegated.shares_parent_code else delegated.code
        values: dict[str, Any] = {
            "kind": Kind.DELEGATED_COMMUNE,
            "name": delegated.name,
            "insee_code": insee_code,
            "official_code": delegated.code,
            "departement": delegated.departement,
            "region": delegated.region,
            "parent_id": parent.pk,
            "is_official": True,
            "ended_on": None,
        }
        # A former commune keeps its row (and the positions held in it) when it becomes a
        # commune déléguée; its SIREN and population stay as last known, the data has none.
        match = self._unclaimed(self.by_insee.get(insee_code) if insee_code else None)
        match = match or self._unclaimed(self.delegated_by_code.get(delegated.code))
        self._check_kind(match, delegated.code)
        self._apply(match, values)

    def end_unclaimed(self) -> None:
        official_places = (Kind.COMMUNE, Kind.DELEGATED_COMMUNE)
        for org in self.existing:
            if (
                org.is_official
                and org.kind in official_places
                and org.pk not in self.claimed
                and org.ended_on is None
            ):
                org.ended_on = self.today
                org.save(update_fields=["ended_on"])
                self.report.ended += 1
                self._note(_("%(name)s ne fait plus partie du territoire.") % {"name": org.name})

    def _unclaimed(self, org: Organisation | None) -> Organisation | None:
        return org if org is not None and org.pk not in self.claimed else None

    def _check_kind(self, org: Organisation | None, code: str) -> None:
        if org is not None and org.kind not in Organisation.OFFICIAL_KINDS:
            raise ImportConflictError(
                _(
                    "L'organisation locale « %(name)s » porte le code INSEE %(code)s d'une "
                    "commune des données officielles : corrigez son code INSEE avant l'import."
                )
                % {"name": org.name, "code": code}
            )

    def _apply(self, org: Organisation | None, values: dict[str, Any]) -> Organisation:
        if org is None:
            org = Organisation(territory=self.territory, **values)
            self.creations.add(org)
            self.report.created += 1
            if org.kind != Kind.EPCI:
                self.report.added.append(org.name)
            return org
        self.claimed.add(org.pk)
        changed = [name for name, value in values.items() if getattr(org, name) != value]
        if changed:
            description = self._describe(org, values, changed)
            for name in changed:
                setattr(org, name, values[name])
            org.save(update_fields=changed)
            self.report.updated += 1
            self._note(description)
        return org

    def _describe(self, org: Organisation, values: dict[str, Any], changed: list[str]) -> str:
        parts: list[str] = []
        if "name" in changed:
            parts.append(_("renommée en %(name)s") % {"name": values["name"]})
        if "kind" in changed and values["kind"] == Kind.DELEGATED_COMMUNE:
            parent = next(o for o in self.communes.values() if o.pk == values["parent_id"])
            parts.append(
                _("devient commune déléguée %(of_parent)s") % {"of_parent": de_name(parent.name)}
            )
        elif "kind" in changed:
            parts.append(_("devient %(kind)s") % {"kind": Kind(values["kind"]).label})
        if "population" in changed:
            parts.append(
                _("population %(old)s → %(new)s")
                % {"old": org.population, "new": values["population"]}
            )
        if "ended_on" in changed:
            parts.append(_("fait de nouveau partie du territoire"))
        described = {"name", "kind", "population", "ended_on", "parent_id"}
        others = [name for name in changed if name not in described]
        if others:
            labels = ", ".join(str(_FIELD_LABELS.get(name, name)) for name in others)
            parts.append(_("mise à jour : %(fields)s") % {"fields": labels})
        if not parts:
            parts.append(_("rattachement mis à jour"))
        return _("%(name)s : %(changes)s.") % {"name": org.name, "changes": " ; ".join(parts)}

    def _note(self, message: str) -> None:
        self.report.changes.append(message)
        if self.progress:
            self.progress(message)


def log_bulk_creations(model: type[Model], objects: Sequence[Model]) -> None:
    """Write the CREATE audit entries that save() would have written for bulk-created rows."""
    if not objects or not auditlog.contains(model) or auditlog_disabled.get():
        return
    log_entry_model = get_logentry_model()
    content_type = ContentType.objects.get_for_model(model)
    use_json = getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    cid = get_cid()
    database = router.db_for_write(log_entry_model)
    # audit.registry gives each audited model a method naming the object's territory.
    additional_data = getattr(model, "get_additional_data", None)
    entries = []
    for obj in objects:
        entry = log_entry_model(
            content_type=content_type,
            object_pk=str(obj.pk),
            object_id=obj.pk,
            object_repr=str(obj),
            action=log_entry_model.Action.CREATE,
            changes=model_instance_diff(None, obj, use_json_for_changes=use_json),
            serialized_data=log_entry_model.objects._get_serialized_data_or_none(obj),
            additional_data=additional_data(obj) if additional_data else None,
            cid=cid,
        )
        # auditlog's set_actor() context fills in the actor on this signal, as for save().
        pre_save.send(sender=log_entry_model, instance=entry, raw=False, using=database)
        entries.append(entry)
    log_entry_model.objects.bulk_create(entries, batch_size=BULK_BATCH_SIZE)
