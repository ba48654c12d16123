"""What a version changes since the previous adopted one, in markdown (the whole
content for a first version): the text of the proposal that carries the version to
adoption."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from governance.models import Charter, Framework, FrameworkObject, LegitimacySource
from governance.selectors import MISSION_FIELDS, objects_of
from governance.versions import previous_adopted


def _charter_value(charter: Charter, name: str) -> str:
    if name == "recurrence":
        return charter.rhythm
    if name in ("start_time", "end_time"):
        return getattr(charter, name).strftime("%H:%M")
    display = getattr(charter, f"get_{name}_display", None)
    value = display() if display else getattr(charter, name)
    return str(value).strip() or "—"


def charter_changes(charter: Charter) -> str:
    """A markdown summary of the version: what changed since the previous adopted version
    (every rule for a first version). It is the text of the proposal that carries it."""
    previous = previous_adopted(charter)
    lines: list[str] = []
    if previous is None or previous.adopted_on is None:
        lines.append(str(_("Première charte de fonctionnement de l'instance.")))
    else:
        lines.append(
            _("Ce qui change par rapport à la version %(version)d, adoptée le %(date)s.")
            % {"version": previous.version, "date": previous.adopted_on.strftime("%d/%m/%Y")}
        )
    for name in Charter.CONTENT_FIELDS:
        label = str(getattr(Charter._meta.get_field(name), "verbose_name", name))
        now = _charter_value(charter, name)
        if previous is None:
            lines += ["", f"## {label[:1].upper()}{label[1:]}", "", now]
        elif now != _charter_value(previous, name):
            before = _charter_value(previous, name)
            lines += [
                "",
                f"## {label[:1].upper()}{label[1:]}",
                "",
                _("Avant : %(value)s") % {"value": before},
                "",
                _("Désormais : %(value)s") % {"value": now},
            ]
    if previous is not None and len(lines) == 1:
        lines += ["", _("Aucun changement de contenu.")]
    return "\n".join(lines) + "\n"


def framework_changes(framework: Framework) -> str:
    """A markdown summary of the version: what changed since the previous adopted
    version (the whole content for a first version). It is the text of the proposal that
    carries the version to consent."""
    previous = previous_adopted(framework)
    lines: list[str] = []
    if previous is None:
        lines.append(str(_("Première version du cadre de référence de l'instance.")))
    else:
        lines.append(
            str(_("Ce qui change par rapport à la version %(version)d, adoptée le %(date)s."))
            % {"version": previous.version, "date": _day(previous.adopted_on)}
        )
    lines += _mission_changes(framework, previous)
    lines += _object_changes(framework, previous)
    lines += _source_changes(framework, previous)
    if previous is not None and len(lines) == 1:
        lines += ["", str(_("Aucun changement de contenu."))]
    return "\n".join(lines).strip() + "\n"


def _day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _mission_changes(framework: Framework, previous: Framework | None) -> list[str]:
    lines: list[str] = []
    fields = [*MISSION_FIELDS, ("perspectives", _("Perspectives"), "")]
    for name, label, _help in fields:
        text = getattr(framework, name).strip()
        if previous is not None and getattr(previous, name).strip() == text:
            continue
        lines += ["", f"## {label}", "", text or str(_("(vide)"))]
    if previous is not None and lines:
        lines = [
            "",
            f"## {_('Missions modifiées')}",
            *(line.replace("## ", "### ") for line in lines),
        ]
    return lines


def _describe_object(obj: FrameworkObject) -> str:
    return f"{obj.title} ({obj.get_kind_display()}, {obj.get_authority_display()})"


def _object_changes(framework: Framework, previous: Framework | None) -> list[str]:
    now = {obj.lineage: obj for obj in objects_of(framework).order_by("position", "title")}
    before = (
        {obj.lineage: obj for obj in objects_of(previous).order_by("position", "title")}
        if previous
        else {}
    )
    if previous is None:
        items = [f"- {_describe_object(obj)}" for obj in now.values()]
        return ["", f"## {_('Objets')}", "", *items] if items else []
    items = []
    for lineage, obj in now.items():
        old = before.get(lineage)
        if old is None:
            items.append(f"- {_('ajouté')} : {_describe_object(obj)}")
        elif (old.title, old.kind, old.authority, old.description) != (
            obj.title,
            obj.kind,
            obj.authority,
            obj.description,
        ):
            items.append(f"- {_('modifié')} : {_describe_object(old)} → {_describe_object(obj)}")
    items += [
        f"- {_('retiré')} : {_describe_object(old)}"
        for lineage, old in before.items()
        if lineage not in now
    ]
    return ["", f"## {_('Objets')}", "", *items] if items else []


def _source_key(source: LegitimacySource) -> tuple[str, str, object]:
    return (source.kind, source.title, source.dated)


def _describe_source(source: LegitimacySource) -> str:
    dated = f", {_day(source.dated)}" if source.dated else ""
    return f"{source.title} ({source.get_kind_display()}{dated})"


def _source_changes(framework: Framework, previous: Framework | None) -> list[str]:
    now = list(framework.sources.order_by("dated", "pk"))
    if previous is None:
        items = [f"- {_describe_source(source)}" for source in now]
        return ["", f"## {_('Sources de légitimité')}", "", *items] if items else []
    before = list(previous.sources.order_by("dated", "pk"))
    before_keys = {_source_key(source) for source in before}
    now_keys = {_source_key(source) for source in now}
    items = [
        f"- {_('ajoutée')} : {_describe_source(source)}"
        for source in now
        if _source_key(source) not in before_keys
    ]
    items += [
        f"- {_('retirée')} : {_describe_source(source)}"
        for source in before
        if _source_key(source) not in now_keys
    ]
    return ["", f"## {_('Sources de légitimité')}", "", *items] if items else []
