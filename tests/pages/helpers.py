"""Helpers for the page tests: what users read in Dutch, and the tables of a page."""

from html.parser import HTMLParser

from django.utils import translation

from tests import roles

# One account of each role; "the" team is OT1 and "the" case the Componistenbuurt.
SUBJECT = roles.Subject(team=1, case=roles.DORDRECHT, other_team=5)
ROLE_USERS = [
    roles.CORE_TEAM,
    SUBJECT.team_lead,
    SUBJECT.case_owner,
    roles.DIRECTOR,
    roles.FUNCTIONAL_ADMIN,
]
DORDRECHT_CASE = roles.DORDRECHT


def dutch(message: str) -> str:
    """What users see for an English source string (the Dutch catalogue is written apart)."""
    with translation.override("nl"):
        return translation.gettext(message)


class _TableParser(HTMLParser):
    """Collects every <table>: its caption and the text of each row's cells."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self._stack: list[dict] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._stack.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag == "table" and self._stack:
            self.tables.append(self._stack.pop())
        elif tag == "caption" and self._caption is not None:
            self._stack[-1]["caption"] = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag == "tr" and self._row is not None:
            self._stack[-1]["rows"].append(self._row)
            self._row = None
        elif tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell)
            self._row.append("\n".join(" ".join(line.split()) for line in text.split("\n")).strip())
            self._cell = None

    def handle_data(self, data):
        if self._caption is not None:
            self._caption.append(data)
        elif self._cell is not None:
            self._cell.append(data)


def tables_in(response) -> list[dict]:
    """The tables of a response: [{"caption": ..., "rows": [[cell text, ...], ...]}]."""
    parser = _TableParser()
    parser.feed(response.content.decode())
    return parser.tables


def table_with_caption(response, starts_with: str) -> dict:
    matches = [t for t in tables_in(response) if t["caption"].startswith(starts_with)]
    assert len(matches) == 1, [t["caption"] for t in tables_in(response)]
    return matches[0]
