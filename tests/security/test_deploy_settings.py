"""The production settings, as production starts them: only environment values differ.

`check --deploy` must report nothing; the cookie, HSTS and framing settings are read
in the same subprocess, as the test suite's own settings loosen a few of them.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    """A clean environment with the values production sets, and nothing of the test run's
    (such as SECURE_SSL_REDIRECT=false from the test settings)."""
    env = {
        key: os.environ[key] for key in ("PATH", "HOME", "LANG", "SYSTEMROOT") if key in os.environ
    }
    env.update(
        DJANGO_SETTINGS_MODULE="citydeal.settings",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="cdor.example.nl",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_nothing(production_env):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert result.stdout.strip() == "System check identified no issues (0 silenced).", output
    assert "WARNING" not in output.upper()


def test_check_deploy_does_report_a_weak_key(production_env):
    """The check above can fail: a short key is a warning at the same fail level."""
    production_env["SECRET_KEY"] = "too-short"
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env)
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


READ_SETTINGS = """
import json
import django
django.setup()
from django.conf import settings
names = [
    "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_SSL_REDIRECT", "SECURE_CONTENT_TYPE_NOSNIFF", "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SAMESITE", "ALLOWED_HOSTS", "EMAIL_BACKEND",
]
print(json.dumps({name: getattr(settings, name) for name in names}))
"""


def test_production_cookies_hsts_and_framing(production_env):
    result = run(["-c", READ_SETTINGS], production_env)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["ALLOWED_HOSTS"] == ["cdor.example.nl"]
    # Mail goes to the console unless EMAIL_URL names an SMTP server.
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_smtp_through_email_url(production_env):
    production_env["EMAIL_URL"] = "smtp+tls://portal:geheim@smtp.example.nl:587"
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)"
    )
    result = run(["-c", code], production_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.nl",
        "587",
        "True",
    ]


READ_LANGUAGE_COOKIE = """
import json
import django
django.setup()
from django.conf import settings
names = ["LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_HTTPONLY", "LANGUAGE_COOKIE_SAMESITE"]
print(json.dumps({name: getattr(settings, name) for name in names}))
"""


def test_production_language_cookie_is_secure(production_env):
    result = run(["-c", READ_LANGUAGE_COOKIE], production_env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "LANGUAGE_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_HTTPONLY": True,
        "LANGUAGE_COOKIE_SAMESITE": "Lax",
    }
