"""Fail when a translatable string of the code is missing from the committed Dutch catalogue.

Runs makemessages (needs GNU gettext), compares the message ids with the committed
catalogue, and puts the committed files back.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def msgids(path: Path) -> set[tuple[str | None, str]]:
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}


def main() -> int:
    if shutil.which("xgettext") is None:
        print("GNU gettext is not installed: catalogue check skipped.")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        backup = Path(tmp) / "locale"
        shutil.copytree(ROOT / "locale", backup)
        try:
            subprocess.run(
                [
                    sys.executable,
                    "manage.py",
                    "makemessages",
                    "-l",
                    "nl",
                    "--ignore=.venv",
                    "--ignore=tests",
                    "--ignore=.ci",
                    "-v0",
                ],
                cwd=ROOT,
                env={**os.environ, "DEBUG": "1"},
                check=True,
            )
            missing = msgids(CATALOGUE) - msgids(backup / "nl" / "LC_MESSAGES" / "django.po")
        finally:
            shutil.rmtree(ROOT / "locale")
            shutil.copytree(backup, ROOT / "locale")
    if missing:
        print("Strings missing from locale/nl/LC_MESSAGES/django.po (run makemessages):")
        for _context, msgid in sorted(missing, key=lambda m: m[1]):
            print(f"  {msgid!r}")
        return 1
    print("The Dutch catalogue has every string of the code.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
