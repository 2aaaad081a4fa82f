"""The Dutch catalogue is complete, and the committed .mo files match their .po files.

Users see Dutch by default; a missing or stale translation shows them English.
"""

from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["nl", "en"]


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def test_dutch_catalogue_is_complete():
    po = catalogue("nl")
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    assert len(po.translated_entries()) > 100


def test_english_catalogue_has_every_message():
    english = {entry.msgid for entry in catalogue("en") if not entry.obsolete}
    dutch = {entry.msgid for entry in catalogue("nl") if not entry.obsolete}
    assert english == dutch


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    directory = ROOT / "locale" / language / "LC_MESSAGES"
    compiled = {
        (entry.msgctxt, entry.msgid): (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
        for entry in polib.mofile(str(directory / "django.mo"))
        if entry.msgid
    }
    source = {
        (entry.msgctxt, entry.msgid): (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
        for entry in polib.pofile(str(directory / "django.po")).translated_entries()
    }
    assert compiled == source


def test_dutch_is_what_users_see():
    with translation.override("nl"):
        assert translation.gettext("Development team") != "Development team"
