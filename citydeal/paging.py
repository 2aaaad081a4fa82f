"""One page of a list, read from the request: every list page pages the same way.

``?page=`` that is not a number gives the first page, one past the end the last (Django's
``Paginator.get_page``); a list page never answers 500 to a page number. The links keep
the query string's filters (the ``page_url`` tag in ``citydeal/templatetags/paging.py``,
shown by ``templates/citydeal/_pagination.html``).
"""

from django.core.paginator import Page, Paginator

# Rows per page of a list, and rows per group on a page that composes several lists.
PAGE_SIZE = 50
GROUP_SIZE = 10


def page_from_request(request, rows, *, per_page: int = PAGE_SIZE) -> Page:
    """The page of ``rows`` (a queryset: a COUNT and one slice) that ``?page=`` asks for."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))
