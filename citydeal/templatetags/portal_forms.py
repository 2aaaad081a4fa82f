"""Rendering a form field's input with what describes it (help text, messages)."""

from django import template
from django.forms import BoundField

register = template.Library()


def error_id(field: BoundField) -> str:
    """The id of the element with the field's messages (forms/_field_errors.html)."""
    return f"{field.html_name}-error"


@register.filter
def field_widget(field: BoundField):
    """The field's input, its ``aria-describedby`` naming the help text and, when the
    field has errors, the messages beside it; so a screen reader reads them with it."""
    described = []
    if field.help_text and field.auto_id:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(error_id(field))
    return field.as_widget(attrs={"aria-describedby": " ".join(described)} if described else None)
