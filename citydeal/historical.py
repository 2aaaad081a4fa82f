"""Change history of the programme's data (django-simple-history), as the models declare it.

``PortalHistoricalRecords`` is simple_history's ``HistoricalRecords`` with three changes:

- a change made from the *other* side of a tracked many-to-many field
  (``case.activities.add(activity)``, ``user.led_teams.set(teams)``) is recorded on the
  tracked objects; simple_history itself fails there with an AttributeError
  (django-commons/django-simple-history#1048, open);
- nothing is recorded inside ``history_paused()``: loading fixtures saves rows "raw",
  and the records would miss the state before and after; ``history_catch_up()`` then
  writes one record per row whose history does not show its current state;
- the history models get translated verbose names.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The change reason of records written by ``history_catch_up`` for the seed; the
# timeline shows it as "taken over from the plan document".
SEED_REASON = "seed"

_paused: ContextVar[bool] = ContextVar("citydeal_history_paused", default=False)


@contextmanager
def history_paused() -> Iterator[None]:
    """Record no history inside the block (for loading fixtures; catch up afterwards)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


class PortalHistoricalRecords(HistoricalRecords):
    """HistoricalRecords that handles reverse m2m changes, can pause, and speaks Dutch."""

    # The tracked models and their HistoricalRecords, to record a change by hand.
    registry: dict[type[models.Model], "PortalHistoricalRecords"] = {}

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            PortalHistoricalRecords.registry[sender] = self

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        if not self.user_set_verbose_name:
            options["verbose_name"] = format_lazy(
                _("history entry of {name}"), name=model._meta.verbose_name
            )
        if not self.user_set_verbose_name_plural:
            options["verbose_name_plural"] = format_lazy(
                _("history entries of {name}"), name=model._meta.verbose_name_plural
            )
        return options

    def get_meta_options_m2m(self, through_model):
        options = super().get_meta_options_m2m(through_model)
        # Not the through model's own verbose name, which Django translates at import.
        options["verbose_name"] = _links_name(
            _("history entry of links between {source} and {target}"), through_model
        )
        options["verbose_name_plural"] = _links_name(
            _("history entries of links between {source} and {target}"), through_model
        )
        return options

    def post_save(self, instance, created, using=None, **kwargs):
        if not _paused.get():
            super().post_save(instance, created, using=using, **kwargs)

    def post_delete(self, instance, using=None, **kwargs):
        if not _paused.get():
            super().post_delete(instance, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if _paused.get():
            return
        if not reverse:
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
            return
        # ``instance`` is on the far side (a case, a user); ``pk_set`` holds tracked objects.
        field = self.cls._meta.get_field(attr)
        marker = f"_history_cleared_{attr}"
        if action == "pre_clear":
            through = field.remote_field.through
            pks = through.objects.filter(**{field.m2m_reverse_field_name(): instance.pk})
            setattr(instance, marker, set(pks.values_list(_source_attname(field), flat=True)))
            return
        if action == "post_clear":
            pk_set = instance.__dict__.pop(marker, set())
        if action not in ("post_add", "post_remove", "post_clear") or not pk_set:
            return
        for obj in self.cls._default_manager.filter(pk__in=pk_set).order_by("pk"):
            self.create_historical_record(obj, "~")


def _links_name(template, through_model):
    """A lazy name from the verbose names of the two models a through model links."""

    def build() -> str:
        source, target = (
            field.remote_field.model._meta.verbose_name
            for field in through_model._meta.fields
            if field.is_relation
        )
        return str(template).format(source=source, target=target)

    return lazy(build, str)()


def tracked_models() -> list[type[models.Model]]:
    """The models with a ``PortalHistoricalRecords`` history, in app registry order."""
    registry = PortalHistoricalRecords.registry
    return [model for model in apps.get_models() if model in registry]


def save_with_history(
    obj: models.Model,
    *,
    by,
    created: bool = False,
    links: dict[str, Iterable[models.Model]] | None = None,
) -> None:
    """Save ``obj`` and set its many-to-many ``links`` as one history record by ``by``.

    Saved the usual way, the row and each link would write a record of their own, the
    first one with the links of before.
    """
    obj._history_user = by
    obj.skip_history_when_saving = True
    try:
        obj.save()
        for name, related in (links or {}).items():
            getattr(obj, name).set(related)
    finally:
        del obj.skip_history_when_saving
    if not _paused.get():
        PortalHistoricalRecords.registry[type(obj)].create_historical_record(
            obj, "+" if created else "~"
        )


def _m2m_model(field):
    return HistoricalRecords.m2m_models[field]


def _target_attname(field) -> str:
    """The column of a through row that points at the related object (e.g. ``case_id``)."""
    return field.remote_field.through._meta.get_field(field.m2m_reverse_field_name()).attname


def _source_attname(field) -> str:
    return field.remote_field.through._meta.get_field(field.m2m_field_name()).attname


@transaction.atomic
def history_catch_up(
    *, models_: Iterable[type[models.Model]] | None = None, reason: str = SEED_REASON
) -> int:
    """Write a history record for every row whose last record is not its current state.

    A row without any record gets a "created" record, a row that changed without one
    (a fixture loaded again, a raw update) a "changed" record; both by no user, with
    ``reason``. Returns the number of records written. A few queries per model.
    """
    written = 0
    for model in models_ or tracked_models():
        history = model.history.model
        m2m_fields = list(history._history_m2m_fields)
        latest = (
            history.objects.filter(id=OuterRef("pk"))
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        objs = list(
            model._default_manager.annotate(_latest_history_id=Subquery(latest)).order_by("pk")
        )
        records = history.objects.in_bulk(
            [obj._latest_history_id for obj in objs if obj._latest_history_id is not None]
        )
        # Current links and last recorded links per m2m field: {pk: {related pk, ...}}.
        current: dict[str, dict[int, set]] = {}
        recorded: dict[str, dict[int, set]] = {}
        through_rows: dict[str, dict[int, list]] = {}
        for field in m2m_fields:
            source, target = _source_attname(field), _target_attname(field)
            current[field.name] = defaultdict(set)
            through_rows[field.name] = defaultdict(list)
            for row in field.remote_field.through.objects.order_by("pk"):
                current[field.name][getattr(row, source)].add(getattr(row, target))
                through_rows[field.name][getattr(row, source)].append(row)
            recorded[field.name] = defaultdict(set)
            snapshot = _m2m_model(field).objects.filter(history_id__in=list(records))
            for history_id, related in snapshot.values_list("history_id", target):
                recorded[field.name][records[history_id].id].add(related)

        created, changed = [], []
        for obj in objs:
            record = records.get(obj._latest_history_id)
            if record is None:
                created.append(obj)
            elif (
                record.history_type == "-"
                or any(
                    getattr(obj, f.attname) != getattr(record, f.attname)
                    for f in history.tracked_fields
                )
                or any(current[f.name][obj.pk] != recorded[f.name][obj.pk] for f in m2m_fields)
            ):
                changed.append(obj)

        new_records = []
        for batch, update in ((created, False), (changed, True)):
            if batch:
                new_records += model.history.bulk_history_create(
                    batch, update=update, default_change_reason=reason
                )
        for field in m2m_fields:
            m2m_model = _m2m_model(field)
            names = [f.attname for f in field.remote_field.through._meta.fields]
            m2m_model.objects.bulk_create(
                m2m_model(history=record, **{name: getattr(row, name) for name in names})
                for record in new_records
                for row in through_rows[field.name][record.id]
            )
        written += len(new_records)
    return written


def history_bulk_create(
    model: type[models.Model],
    objs: list[models.Model],
    *,
    links: dict[str, Iterable[models.Model]] | None = None,
    update: bool = False,
    batch_size: int = 1000,
) -> int:
    """Write the history records of rows bulk-created (or whose links grew) outside the
    services, as ``save_with_history`` would have: one record per object, by its
    ``_history_user`` at its ``_history_date``, with a snapshot of the tracked links.

    ``links`` gives, per tracked many-to-many field, the through rows (saved, with their
    pks) that each object has after the change; an object without rows there has none.
    Returns the number of records written (none inside ``history_paused()``).
    """
    if _paused.get() or not objs:
        return 0
    records = model.history.bulk_history_create(objs, update=update, batch_size=batch_size)
    if records is None:  # SIMPLE_HISTORY_ENABLED is off
        return 0
    for field in model.history.model._history_m2m_fields:
        rows_by_source = defaultdict(list)
        source = _source_attname(field)
        for row in (links or {}).get(field.name, ()):
            rows_by_source[getattr(row, source)].append(row)
        m2m_model = _m2m_model(field)
        names = [f.attname for f in field.remote_field.through._meta.fields]
        m2m_model.objects.bulk_create(
            (
                m2m_model(history=record, **{name: getattr(row, name) for name in names})
                for record in records
                for row in rows_by_source[record.id]
            ),
            batch_size=batch_size,
        )
    return len(records)
