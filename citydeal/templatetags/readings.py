"""The portal's readings of the plan on a page: ``{% reading_marks case "costs" %}``
shows the readings that ``citydeal.readings.readings_attach`` hung on the object for that
field (``""``: the object as a whole); ``{% reading_list readings %}`` shows a list of
them. Neither queries: the view read them all at once."""

from django import template

from citydeal.readings import readings_of

register = template.Library()


@register.inclusion_tag("citydeal/_readings.html")
def reading_marks(obj, field: str = ""):
    return {"readings": readings_of(obj, field)}


@register.inclusion_tag("citydeal/_readings.html")
def reading_list(readings):
    return {"readings": list(readings or [])}
