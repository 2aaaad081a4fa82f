"""Helpers for the paging tests: the rows of a page's table, and its page links."""

import re
from html import unescape

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.pages.helpers import dutch, table_with_caption

NEXT_LINK = re.compile(r'<a href="([^"]*)" rel="next">')


def body_rows(response, caption: str) -> list[list[str]]:
    """The rows of the table with this caption, without its head (and foot, if it has one)."""
    rows = table_with_caption(response, caption)["rows"][1:]
    return rows


def next_url(response) -> str | None:
    """The URL of the "next page" link of the page's pagination, if there is one."""
    html = response.content.decode()
    if dutch("Next page") not in html:
        return None
    match = NEXT_LINK.search(html)
    assert match, "a next-page text without a rel=next link"
    href = unescape(match.group(1))
    return response.wsgi_request.path + href if href.startswith("?") else href


def queries_of(client, url: str, params: dict | None = None) -> tuple[int, object]:
    """How many queries a GET of ``url`` runs, and its response."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries), response
