"""No secret is in the repository: no key, password or private key in a tracked file.

The development and test defaults are allowed where they are, because they are
recognisably not for production (and production refuses to start without its own key).
"""

import re
import shutil
import subprocess
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
THIS_FILE = Path(__file__).resolve().relative_to(ROOT).as_posix()

SECRET_KEY_LITERAL = re.compile(r"SECRET_KEY[\"']?\s*[=:,]\s*[\"'][^\"']{8,}[\"']")
DEFAULT_KEYS = re.compile(r"django-insecure-development-only|test-only-secret-key-not-for-prod")
PRIVATE_KEY = re.compile(r"-----BEGIN ([A-Z]+ )?PRIVATE KEY-----")
PASSWORD_LITERAL = re.compile(r"(password|passwd|pwd)\w*[\"']?\s*[=:]\s*[\"'][^\"']+[\"']", re.I)
CREDENTIALS_IN_URL = re.compile(r"[a-z+]+://[^/\s:@\"']+:(?!password@)[^/\s@\"']+@", re.I)
SERVICE_TOKEN = re.compile(
    r"AKIA[0-9A-Z]{16}"  # AWS access key
    r"|gh[pousr]_[A-Za-z0-9]{36}"  # GitHub token
    r"|xox[abpr]-[A-Za-z0-9-]{10,}"  # Slack token
    r"|sk_live_[A-Za-z0-9]{20,}"  # Stripe key
)


def tracked_files() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    result = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return [name for name in result.stdout.split("\0") if name]


def grep(pattern: re.Pattern, *, only: str = "*", skip: str = "") -> list[str]:
    """'path:line: text' for every line of a tracked text file that matches."""
    hits = []
    for name in tracked_files():
        if name == THIS_FILE or not fnmatch(name, only) or (skip and fnmatch(name, skip)):
            continue
        path = ROOT / name
        if not path.is_file():  # deleted in the working tree
            continue
        data = path.read_bytes()
        if b"\0" in data:  # binary (compiled catalogues)
            continue
        for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
            if pattern.search(line):
                hits.append(f"{name}:{number}: {line.strip()}")
    return hits


def test_no_secret_key_literal_other_than_the_development_and_test_defaults():
    hits = grep(SECRET_KEY_LITERAL)
    assert [hit for hit in hits if not DEFAULT_KEYS.search(hit)] == []


def test_the_development_key_is_only_used_with_debug():
    settings = (ROOT / "citydeal" / "settings.py").read_text()
    assert "if not DEBUG:\n        raise ImproperlyConfigured" in settings


def test_no_private_key():
    assert grep(PRIVATE_KEY) == []


def test_no_password_literal_in_the_settings():
    assert grep(PASSWORD_LITERAL, only="citydeal/settings*.py") == []


def test_no_credentials_in_a_url_outside_the_tests():
    # Allowed: the README's placeholder (user:password@host) and the tests' obviously
    # fake examples (smtp+tls://portal:geheim@smtp.example.nl).
    assert grep(CREDENTIALS_IN_URL, skip="tests/*") == []


def test_no_tokens_of_well_known_services():
    assert grep(SERVICE_TOKEN) == []


def test_no_env_file_database_or_key_file_is_tracked():
    suspicious = [
        name
        for name in tracked_files()
        if Path(name).name in {".env", "db.sqlite3"}
        or Path(name).name.startswith(".env.")
        or Path(name).suffix in {".pem", ".key", ".p12", ".pfx", ".sqlite3"}
    ]
    assert suspicious == []


@pytest.mark.parametrize(
    ("pattern", "sample"),
    [
        (SECRET_KEY_LITERAL, 'SECRET_KEY = "s3cr3t-value-here"'),
        (SECRET_KEY_LITERAL, "os.environ.setdefault('SECRET_KEY', 'abcdefghijkl')"),
        (PRIVATE_KEY, "-----BEGIN RSA PRIVATE KEY-----"),
        (PRIVATE_KEY, "-----BEGIN PRIVATE KEY-----"),
        (PASSWORD_LITERAL, 'EMAIL_HOST_PASSWORD = "x"'),
        (PASSWORD_LITERAL, 'password="hunter2"'),
        (CREDENTIALS_IN_URL, "postgres://cdor:geheim@db/cdor"),
        (CREDENTIALS_IN_URL, "smtp+tls://mail:passwordless@smtp.example.nl"),
        (SERVICE_TOKEN, "AKIAABCDEFGHIJKLMNOP"),
    ],
)
def test_the_patterns_find_what_they_look_for(pattern, sample):
    assert pattern.search(sample)
