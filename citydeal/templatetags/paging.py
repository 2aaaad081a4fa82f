"""``{% page_url number %}``: the current URL's query string with another page number."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """``?<the filters>&page=<number>``: a page link that keeps the list's filters."""
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"
