"""What the partner network tests read: a page's main text without its tags."""

import re
from html import unescape

from partners.models import Organisation

TAG = re.compile(r"<[^>]+>")


def main_text(response) -> str:
    """The text of the page's <main>, its tags gone and its spaces collapsed."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(unescape(TAG.sub(" ", main)).split()).replace(" ,", ",")


def organisation(name: str) -> Organisation:
    return Organisation.objects.get(name=name)
