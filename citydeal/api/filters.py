"""What the apps' filtersets share: a search over text fields that refuses what the
database cannot take, and whole numbers within bounds."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field


@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(filters.Filter):
    """A whole number (django-filter's NumberFilter takes any decimal, e.g. "1e999")."""

    field_class = forms.IntegerField


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.ModelChoiceFilter):
    """An object by its id, for a filter with a method (the schema cannot guess its type)."""


@extend_schema_field(OpenApiTypes.BOOL)
class BooleanFilter(filters.TypedChoiceFilter):
    """``true`` or ``false``; anything else is a 400 naming the filter (django-filter's own
    BooleanFilter ignores a value it does not know, and so would list everything)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        kwargs.setdefault("coerce", lambda value: value == "true")
        super().__init__(*args, **kwargs)


class SearchFilterSet(filters.FilterSet):
    """``?search=words``: each word in one of ``search_fields`` (case-insensitive).

    A Django CharField, so a NUL byte is a 400 naming ``search``, not a database error.
    """

    search_fields: tuple[str, ...] = ()

    search = filters.CharFilter(
        method="filter_search",
        max_length=200,
        label=_("Search"),
        help_text=_("Words that must each appear in one of the text fields."),
    )

    def filter_search(self, queryset, name, value):
        for word in value.split()[:10]:
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(condition)
        return queryset


def year_filter(field_name: str, label) -> IntegerFilter:
    return IntegerFilter(field_name=field_name, label=label, min_value=1900, max_value=2200)
