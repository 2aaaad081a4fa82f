"""Reading the portal's readings of the plan for what a page or an endpoint shows.

A page gathers every object it shows that may carry a reading (cases, events,
activities, decisions, of any app) and asks once: ``readings_attach`` reads the readings
of all of them in one query and hangs each object's list on it as ``portal_readings``.
Templates show a field's readings with ``{% reading_marks obj "field" %}``
(``citydeal.templatetags.readings``); the API shows the list as ``readings``.
"""

from collections.abc import Iterable

from django.db.models import Model, Q

from citydeal.models import Reading

ATTRIBUTE = "portal_readings"


def _label(obj: Model) -> tuple[str, str]:
    opts = obj._meta.concrete_model._meta
    return opts.app_label, opts.model_name


def readings_where(model: type[Model], field: str, object_ids) -> Q:
    """The readings of ``field`` of the ``model`` rows in ``object_ids`` (ids, or a
    queryset of them, read as a subquery): for ``readings_attach(extra=...)``, where a
    page shows a column's reading without showing its rows."""
    opts = model._meta.concrete_model._meta
    return Q(
        content_type__app_label=opts.app_label,
        content_type__model=opts.model_name,
        field=field,
        object_id__in=object_ids,
    )


def readings_attach(
    *groups: Iterable[Model] | Model | None, extra: Q | None = None
) -> list[Reading]:
    """Read the readings of every object in ``groups`` (objects, or lists of them, of any
    models) in one query, and set each object's ``portal_readings`` (a list, perhaps
    empty). ``extra`` adds readings to the same query (``readings_where``) that are
    returned, not attached. No query when there is nothing to read. Returns all readings
    read."""
    objects: list[Model] = []
    for group in groups:
        if group is None:
            continue
        if isinstance(group, Model):
            objects.append(group)
        else:
            objects.extend(obj for obj in group if obj is not None)
    ids: dict[tuple[str, str], set[int]] = {}
    for obj in objects:
        setattr(obj, ATTRIBUTE, [])
        ids.setdefault(_label(obj), set()).add(obj.pk)
    if not ids and extra is None:
        return []
    wanted = Q(pk__in=[]) if extra is None else extra
    for (app_label, model), pks in ids.items():
        wanted |= Q(
            content_type__app_label=app_label,
            content_type__model=model,
            object_id__in=sorted(pks),
        )
    readings = list(
        Reading.objects.filter(wanted)
        .select_related("content_type")
        .order_by("content_type__app_label", "content_type__model", "object_id", "field", "pk")
    )
    by_object: dict[tuple[str, str, int], list[Reading]] = {}
    for reading in readings:
        key = (reading.content_type.app_label, reading.content_type.model, reading.object_id)
        by_object.setdefault(key, []).append(reading)
    for obj in objects:
        setattr(obj, ATTRIBUTE, by_object.get((*_label(obj), obj.pk), []))
    return readings


def readings_of(obj: Model, field: str | None = None) -> list[Reading]:
    """The readings ``readings_attach`` hung on ``obj`` (of ``field`` only, if given;
    ``""`` is the object as a whole). Nothing when none were attached."""
    readings = getattr(obj, ATTRIBUTE, None) or []
    if field is None:
        return list(readings)
    return [reading for reading in readings if reading.field == field]


def readings_distinct(readings: Iterable[Reading], model: type[Model], field: str) -> list[Reading]:
    """The different readings of ``model``'s ``field`` among ``readings``, one of each
    wording: a column whose every row was read the same way shows it once."""
    opts = model._meta.concrete_model._meta
    seen: set[tuple[str, str]] = set()
    distinct = []
    for reading in readings:
        if (reading.content_type.app_label, reading.content_type.model, reading.field) != (
            opts.app_label,
            opts.model_name,
            field,
        ):
            continue
        key = (reading.plan_words, reading.reading)
        if key not in seen:
            seen.add(key)
            distinct.append(reading)
    return distinct
