"""Every HTML response carries a Content Security Policy that allows no inline script and
no foreign origin, and forbids framing; the templates need nothing more.

`check --deploy` does not look at the CSP, so this test does.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.accounts.conftest import WRONG, login

ROOT = Path(__file__).resolve().parents[2]

# (description, user or None for anonymous, url, expected status)
PAGES = [
    ("login page", None, "/accounts/login/", 200),
    ("password reset form", None, "/accounts/password_reset/", 200),
    ("404 page, anonymous", None, "/no-such-page/", 404),
    ("overview", "kernteam1", "/", 200),
    ("team page", "trekker1", "/teams/5/", 200),
    ("case list", "casus-dordrecht", "/cases/", 200),
    ("password change", "directeur", "/accounts/password_change/", 200),
    ("admin index", "beheerder", "/admin/", 200),
    ("admin user list", "beheerder", "/admin/accounts/user/", 200),
    ("admin change form", "beheerder", "/admin/accounts/user/add/", 200),
    ("admin password change", "beheerder", "/admin/password_change/", 200),
    ("admin unlock list", "beheerder", "/admin/axes/accessattempt/", 200),
    ("404 page", "directeur", "/teams/99/", 404),
    ("403 page", "directeur", "/admin/", 403),
]


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def response_for(client: Client, user_named, user: str | None, url: str):
    if user is not None:
        client.force_login(user_named(user))
    return client.get(url)


@pytest.mark.django_db
@pytest.mark.parametrize(("description", "user", "url", "status"), PAGES, ids=[p[0] for p in PAGES])
def test_every_html_response_has_a_strict_policy(
    client, user_named, description, user, url, status
):
    response = response_for(client, user_named, user, url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    directives = policy(response)

    assert directives["default-src"] == ["'self'"]
    script_src = directives.get("script-src", directives["default-src"])
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    for name, values in directives.items():
        for value in values:
            assert not re.match(r"(https?:|wss?:|\*|//)", value), f"{name} allows {value}"
            assert value in {"'self'", "'none'", "data:"}, f"{name} allows {value}"

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_lockout_page_has_the_policy_too(client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = login(client, "directeur", WRONG)
    assert response.status_code == 429
    assert policy(response)["default-src"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@pytest.mark.parametrize(("description", "user", "url", "status"), PAGES, ids=[p[0] for p in PAGES])
def test_the_pages_contain_no_inline_script_or_style(
    client, user_named, description, user, url, status
):
    """What the policy would block: the pages must not need it (the admin's included)."""
    html = response_for(client, user_named, user, url).content.decode()
    problems = inline_code(html)
    assert problems == [], problems


# What the CSP blocks, in a template or a page.
SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
TAG = re.compile(r"<[a-zA-Z][^<>]*>", re.S)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)


def inline_code(text: str) -> list[str]:
    problems = []
    for script in SCRIPT.finditer(text):
        if script.group("body").strip():
            problems.append(f"inline script: {script.group(0)[:80]!r}")
        elif "src=" not in script.group("attrs"):
            problems.append(f"script without src: {script.group(0)[:80]!r}")
    for tag in TAG.finditer(text):
        if EVENT_HANDLER.search(tag.group(0)):
            problems.append(f"event handler attribute: {tag.group(0)[:80]!r}")
        if STYLE_ATTRIBUTE.search(tag.group(0)):
            problems.append(f"style attribute: {tag.group(0)[:80]!r}")
    if STYLE_ELEMENT.search(text):
        problems.append("<style> element")
    if JAVASCRIPT_URL.search(text):
        problems.append("javascript: URL")
    return problems


def project_templates() -> list[Path]:
    directories = [ROOT / "templates", *ROOT.glob("*/templates")]
    return sorted(
        path
        for directory in directories
        if ".venv" not in directory.parts
        for path in directory.rglob("*")
        if path.suffix in {".html", ".txt", ".xml", ".ics"}
    )


def test_the_checker_finds_what_it_looks_for():
    bad = (
        '<script>alert(1)</script><script type="module"></script>'
        '<button onclick="go()">x</button><p style="color: red">y</p>'
        '<style>p {}</style><a href="javascript:go()">z</a>'
    )
    assert len(inline_code(bad)) == 6
    good = '<script src="/static/app.js"></script><p class="online">only once</p>'
    assert inline_code(good) == []


def test_there_are_templates_to_check():
    names = {path.relative_to(ROOT).as_posix() for path in project_templates()}
    assert {"templates/base.html", "templates/registration/login.html"} <= names


@pytest.mark.parametrize(
    "path", project_templates(), ids=lambda path: path.relative_to(ROOT).as_posix()
)
def test_no_template_has_inline_script_event_handlers_or_style_attributes(path):
    problems = inline_code(path.read_text(encoding="utf-8"))
    assert problems == [], problems
