"""The read serializers' ``to_representation``, planned once per serializer.

DRF's ``Serializer.to_representation`` asks every field of every row how to find its
value (``get_attribute`` walks the source, catches, checks for callables and
``PKOnlyObject``) before it formats it. For a list of 50 rows that bookkeeping cost
more than reading the rows from the database. ``PlannedRepresentation`` decides, once
per serializer (a list's child serves every row of a page), how each field reads its
value: a foreign key's id from its column, a prefetched relation's ids from the loaded
rows, a nested serializer through its own plan, a plain attribute by name. The values
are still formatted by the fields themselves (decimals, dates, choices), and anything
the plan does not know goes DRF's own way: the output is DRF's, to the byte.
``tests/api/test_list_queries.py`` compares every list with DRF's own rendering.
"""

import copy
import inspect

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import (
    ManyRelatedField,
    PKOnlyObject,
    PrimaryKeyRelatedField,
    SlugRelatedField,
    StringRelatedField,
)

_SKIP = object()  # the field is left out of this row, as DRF's SkipField does


def _drf_value(field, instance):
    """The field's value the way ``Serializer.to_representation`` finds it."""
    try:
        attribute = field.get_attribute(instance)
    except SkipField:
        return _SKIP
    check_for_none = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
    return None if check_for_none is None else field.to_representation(attribute)


def _related(instance, name):
    """The rows of a to-many relation: the prefetched ones without making a manager."""
    try:
        return instance._prefetched_objects_cache[name]
    except (AttributeError, KeyError):
        return getattr(instance, name).all()


class PlannedRepresentation:
    # A ``ModelSerializer`` mixin: the same representation, without DRF's per-field
    # lookups on every row. (No docstring: the schema would show it for every serializer
    # without one of its own.)
    #
    # The fields a ``ModelSerializer`` derives from its model are derived once per class
    # and language (DRF decides whether a field needs a label by comparing texts in the
    # active language) and copied for each serializer, as DRF copies the declared ones,
    # instead of being derived from the model again for every response.

    def get_fields(self):
        cls = type(self)
        if "_field_prototypes" not in cls.__dict__:
            cls._field_prototypes = {}
        language = get_language()
        prototypes = cls._field_prototypes.get(language)
        if prototypes is None:
            prototypes = cls._field_prototypes[language] = super().get_fields()
        return copy.deepcopy(prototypes)

    def to_representation(self, instance):
        plan = self.__dict__.get("_plan")
        if plan is None:
            plan = self._plan = [(f.field_name, self._reader(f)) for f in self._readable_fields]
        representation = {}
        for name, read in plan:
            value = read(instance)
            if value is not _SKIP:
                representation[name] = value
        return representation

    def _reader(self, field):
        def generic(instance):
            return _drf_value(field, instance)

        if isinstance(field, serializers.SerializerMethodField):
            return getattr(self, field.method_name)
        if field.source == "*" or len(field.source_attrs) != 1:
            return generic
        name = field.source_attrs[0]
        model = self.Meta.model
        if inspect.isfunction(getattr(model, name, None)):
            return generic  # a method: DRF calls it

        if isinstance(field, ManyRelatedField):
            return self._many_reader(field.child_relation, name) or generic
        if isinstance(field, serializers.ListSerializer):
            child = field.child
            if not isinstance(child, PlannedRepresentation):
                return generic
            return lambda instance: [child.to_representation(i) for i in _related(instance, name)]
        if type(field) is PrimaryKeyRelatedField and field.pk_field is None:
            try:
                column = model._meta.get_field(name)
            except FieldDoesNotExist:
                return generic
            if column.many_to_one and column.concrete:
                attname = column.attname  # the id, without loading the related row
                return lambda instance: getattr(instance, attname)
            return generic

        if isinstance(field, serializers.DateTimeField):
            # The current time zone is that of the whole response: ask for it once.
            zone = field.default_timezone()
            field.default_timezone = lambda: zone
        to_representation = field.to_representation

        def read(instance):
            try:
                value = getattr(instance, name)
            except (AttributeError, KeyError, ObjectDoesNotExist):
                return generic(instance)  # missing: DRF's default, null or skip
            if callable(value) and not isinstance(value, type):
                return generic(instance)
            return None if value is None else to_representation(value)

        return read

    @staticmethod
    def _many_reader(child, name):
        """The ids, slugs or names of a (prefetched) to-many relation."""
        if type(child) is PrimaryKeyRelatedField and child.pk_field is None:
            return lambda instance: [item.pk for item in _related(instance, name)]
        if type(child) is SlugRelatedField and "__" not in child.slug_field:
            slug = child.slug_field
            return lambda instance: [getattr(item, slug) for item in _related(instance, name)]
        if type(child) is StringRelatedField:
            return lambda instance: [str(item) for item in _related(instance, name)]
        return None


class ReadingSerializer(serializers.Serializer):
    """Where the portal filled in something the plan does not say: the plan's words and
    what the portal made of them."""

    field = serializers.CharField(
        read_only=True,
        help_text=_("The field the reading concerns; empty for the object as a whole."),
    )
    plan_words = serializers.CharField(read_only=True, help_text=_("Verbatim, as in the plan."))
    reading = serializers.CharField(read_only=True, help_text=_("What the portal made of them."))


def readings_field() -> ReadingSerializer:
    """The read-only ``readings`` of an object; its viewset attaches them
    (``citydeal.api.views.ReadingsMixin``), one query per response."""
    return ReadingSerializer(
        many=True,
        read_only=True,
        source="portal_readings",
        help_text=_(
            "Where the portal filled in something the plan does not say about this object."
        ),
    )
