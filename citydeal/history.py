"""Reading the change history as a timeline people can follow, in the active language.

``history_timeline(obj)`` returns the changes to an object, newest first: when, by whom,
what kind of change, and per field its name with the old and the new value. A team's
timeline also holds the changes to its goals, activities and related programmes, a
case's the changes to its costs. The number of queries is fixed: per kind of record,
one for the records (with their users and related objects), one for the records
before them, and one per tracked many-to-many field.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.models import DeletedObject, HistoricalRecords

from citydeal.formatting import format_euro
from citydeal.historical import SEED_REASON
from citydeal.permissions import can_view_history

EMPTY = "—"

# What a timeline shows besides the object itself: (app_label.model, field to the object).
_PARTS: dict[str, list[tuple[str, str]]] = {
    "teams.team": [
        ("teams.goal", "team"),
        ("activities.activity", "team"),
        ("partners.relatedprogramme", "team"),
    ],
    "cases.case": [("cases.casecost", "case")],
}

# Never shown as a change: the key, and what ties a row to its programme.
_HIDDEN_FIELDS = {"id", "programme"}


@dataclass(frozen=True)
class FieldChange:
    """One field of a change: its name as people read it, before and after."""

    name: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    """One change in a timeline."""

    when: datetime.datetime
    who: str
    kind: str  # "created", "changed" or "deleted"
    model_name: str  # e.g. "activity", for links
    model_label: str  # e.g. "activiteit"
    object_id: int
    subject: str  # the object as it was named after the change
    changes: list[FieldChange] = field(default_factory=list)
    from_seed: bool = False  # taken over from the plan document when the data was loaded
    before_unknown: bool = False  # a change whose earlier state was never recorded

    @property
    def kind_label(self) -> str:
        return {"created": _("created"), "changed": _("changed"), "deleted": _("deleted")}[
            self.kind
        ]


_KINDS = {"+": "created", "~": "changed", "-": "deleted"}


def _str_paths(model: type[models.Model]) -> list[str]:
    """select_related paths that let the related objects of a record print without a query.

    Each foreign key, and one level further its required foreign keys (a goal prints
    with its team's code).
    """
    paths = []
    for fk in model._meta.concrete_fields:
        if not fk.many_to_one:
            continue
        paths.append(fk.name)
        for inner in fk.related_model._meta.concrete_fields:
            if inner.many_to_one and not inner.null:
                paths.append(f"{fk.name}__{inner.name}")
    return paths


def _display(model_field, value) -> str:
    """A recorded value as people read it: choice labels, euros, Dutch dates, names."""
    if isinstance(value, DeletedObject):
        # diff_against gives an empty foreign key as a DeletedObject without a key.
        if value.pk is None:
            return EMPTY
        return _("deleted (no. %(pk)s)") % {"pk": value.pk}
    if model_field.choices:
        label = dict(model_field.flatchoices).get(value, value)
        return str(label) if label not in (None, "") else EMPTY
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return format_euro(value, decimals=value != value.to_integral_value())
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        month_only = model_field.name.endswith("_month")
        return formats.date_format(value, "YEAR_MONTH_FORMAT" if month_only else "DATE_FORMAT")
    if isinstance(value, models.Model):
        return str(getattr(value, "display_name", None) or value)
    return str(value)


def _who(record) -> str:
    user = record.history_user
    return user.display_name if user is not None else _("system")


def _label(model_field) -> str:
    return str(model_field.verbose_name)[:1].upper() + str(model_field.verbose_name)[1:]


class _Source:
    """The records of one tracked model that a timeline shows."""

    def __init__(self, model: type[models.Model], where: Q):
        self.model = model
        self.history = model.history.model
        self.where = where
        self.m2m_fields = list(self.history._history_m2m_fields)
        self.fields = [
            f for f in self.history.tracked_fields if f.editable and f.name not in _HIDDEN_FIELDS
        ]
        self.paths = _str_paths(model)

    def records(self, *, limit: int, include_seed: bool) -> list:
        history = self.history
        same_object = history.objects.filter(id=OuterRef("id")).filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        previous = same_object.order_by("-history_date", "-history_id").values("history_id")[:1]
        records = history.objects.filter(self.where)
        if not include_seed:
            records = records.exclude(history_change_reason=SEED_REASON)
        return list(
            records.annotate(previous_id=Subquery(previous))
            .select_related("history_user", *self.paths)
            .order_by("-history_date", "-history_id")[:limit]
        )

    def entries(self, records: list) -> list[Entry]:
        previous_ids = [r.previous_id for r in records if r.previous_id is not None]
        previous = (
            self.history.objects.select_related(*self.paths).in_bulk(previous_ids)
            if previous_ids
            else {}
        )
        links = self._links([r.history_id for r in records] + previous_ids)
        return [self._entry(r, previous.get(r.previous_id), links) for r in records]

    def _links(self, history_ids: list[int]) -> dict[str, dict[int, list[str]]]:
        """Per m2m field and record: the names of the linked objects, sorted."""
        links: dict[str, dict[int, list[str]]] = {}
        for m2m in self.m2m_fields:
            target = m2m.m2m_reverse_field_name()
            rows = HistoricalRecords.m2m_models[m2m].objects.filter(history_id__in=history_ids)
            by_record = defaultdict(list)
            related_paths = [target] + [
                f"{target}__{inner.name}"
                for inner in m2m.related_model._meta.concrete_fields
                if inner.many_to_one and not inner.null
            ]
            for row in rows.select_related(*related_paths):
                obj = getattr(row, target)
                name = (
                    _display(m2m, obj)
                    if obj is not None
                    else _display(
                        m2m, DeletedObject(m2m.related_model, getattr(row, f"{target}_id"))
                    )
                )
                by_record[row.history_id].append(name)
            links[m2m.name] = {key: sorted(names) for key, names in by_record.items()}
        return links

    def _subject(self, record) -> str:
        instance = record.instance
        # The related objects came with the record; lend them to the instance for __str__.
        for name, value in record._state.fields_cache.items():
            if name != "history_user":
                instance._state.fields_cache[name] = value
        return str(instance)

    def _entry(self, record, before, links) -> Entry:
        kind = _KINDS[record.history_type]
        from_seed = record.history_change_reason == SEED_REASON
        changes: list[FieldChange] = []
        if before is not None and kind == "changed":
            delta = record.diff_against(
                before,
                excluded_fields=[m.name for m in self.m2m_fields],
                foreign_keys_are_objs=True,
            )
            by_name = {c.field: c for c in delta.changes}
            for f in self.fields:
                if f.name in by_name:
                    change = by_name[f.name]
                    changes.append(
                        FieldChange(_label(f), _display(f, change.old), _display(f, change.new))
                    )
        elif kind == "created" and not from_seed:
            for f in self.fields:
                value = getattr(record, f.name)
                if value not in (None, "") and not (isinstance(value, bool) and not value):
                    changes.append(FieldChange(_label(f), EMPTY, _display(f, value)))
        if kind != "deleted" and not (from_seed and kind == "created"):
            for m2m in self.m2m_fields:
                new = links[m2m.name].get(record.history_id, [])
                old = links[m2m.name].get(before.history_id, []) if before is not None else []
                if new != old and (before is not None or kind == "created"):
                    changes.append(
                        FieldChange(_label(m2m), ", ".join(old) or EMPTY, ", ".join(new) or EMPTY)
                    )
        return Entry(
            when=record.history_date,
            who=_who(record),
            kind=kind,
            model_name=self.model._meta.model_name,
            model_label=str(self.model._meta.verbose_name),
            object_id=record.id,
            subject=self._subject(record),
            changes=changes,
            from_seed=from_seed,
            before_unknown=before is None and kind == "changed",
        )


def _sources(obj: models.Model) -> list[_Source]:
    model = type(obj)
    sources = [_Source(model, Q(id=obj.pk))]
    for label, fk in _PARTS.get(model._meta.label_lower, []):
        part = apps.get_model(label)
        sources.append(_Source(part, Q(**{f"{fk}_id": obj.pk})))
    return sources


def history_timeline(
    obj: models.Model, *, limit: int = 50, include_seed: bool = True
) -> list[Entry]:
    """The changes to ``obj`` (and, for a team or a case, to its parts), newest first.

    ``include_seed=False`` leaves out what loading the plan document recorded. At most
    ``limit`` entries; two queries per kind of record plus one per tracked m2m field.
    """
    entries: list[tuple[tuple, Entry]] = []
    for source in _sources(obj):
        records = source.records(limit=limit, include_seed=include_seed)
        if not records:
            continue
        for record, entry in zip(records, source.entries(records), strict=True):
            entries.append(((record.history_date, record.history_id), entry))
    entries.sort(key=lambda item: item[0], reverse=True)
    return [entry for _key, entry in entries[:limit]]


def history_timeline_for(user, obj: models.Model, **options) -> list[Entry] | None:
    """The timeline of ``obj`` for a page, or None when the user may not read history."""
    return history_timeline(obj, **options) if can_view_history(user, obj) else None
