"""Limits hold across processes: two portal servers (as two gunicorn workers would be)
share one database, and with it the cache in which the limits count.

Each test starts two ``manage.py runserver`` processes on free loopback ports against a
copy of the test database in a file (the seed and the demo accounts included), and
sends its requests to both in turn. With a cache per process each server would count
for itself: ten reset requests sent six mails, 21 token requests no 429.
"""

import contextlib
import http.cookiejar
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

# The tests only speak HTTP; the marker has the test database made, which the servers
# get a copy of.
pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _clear_cache_table(db: sqlite3.Connection) -> None:
    tables = db.execute("SELECT name FROM sqlite_master WHERE name = 'cdor_cache'").fetchall()
    if tables:
        db.execute("DELETE FROM cdor_cache")
        db.commit()


def _database_file(folder: Path, env: dict, django_db_blocker) -> Path:
    """The test database as a file the servers can open: a copy of the in-memory SQLite
    test database (seed and demo accounts), or (on another database) a migrated file
    with one account. Made before any test opens its transaction, which would hold the
    locks the copy needs."""
    path = folder / "portal.sqlite3"
    if connection.vendor == "sqlite":
        with django_db_blocker.unblock():
            connection.ensure_connection()
            with contextlib.closing(sqlite3.connect(path)) as target:
                connection.connection.backup(target)
                _clear_cache_table(target)
        return path
    script = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "from accounts.models import User\n"
        "call_command('migrate', verbosity=0)\n"
        "User.objects.create_user('directeur', 'directeur@example.org', 'x')\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=PROJECT, env=env, check=True, timeout=120)
    return path


class Portal:
    """A portal server process on a free loopback port."""

    def __init__(self, env: dict):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                "--noreload",
                "--skip-checks",
                f"127.0.0.1:{self.port}",
            ],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def wait_until_ready(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server on port {self.port} stopped")
            try:
                with urllib.request.urlopen(f"{self.url}/accounts/login/", timeout=2):
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        raise TimeoutError(f"the server on port {self.port} did not answer")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

    def ask_reset(self, email: str) -> int:
        """The password reset form, as a browser sends it (with its CSRF cookie)."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        form_url = f"{self.url}/accounts/password_reset/"
        opener.open(form_url, timeout=10).read()
        csrf = next(cookie.value for cookie in jar if cookie.name == settings.CSRF_COOKIE_NAME)
        body = urllib.parse.urlencode({"email": email, "csrfmiddlewaretoken": csrf}).encode()
        with opener.open(form_url, data=body, timeout=10) as response:
            return response.status

    def ask_token(self, username: str) -> tuple[int, dict]:
        request = urllib.request.Request(
            f"{self.url}/api/v1/auth/token/",
            data=json.dumps({"username": username, "password": "not-the-password"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, json.load(error)


@pytest.fixture(scope="module")
def running_portals(tmp_path_factory, django_db_setup, django_db_blocker):
    """Two servers for the tests of this module, and the folder their mail goes to."""
    tmp_path = tmp_path_factory.mktemp("portals")
    mail_folder = tmp_path / "mail"
    mail_folder.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO"))},
        "DJANGO_SETTINGS_MODULE": "tests.accounts.live_settings",
        "DEBUG": "1",
        "CDOR_LIVE_MAIL_DIR": str(mail_folder),
        "PYTHONPATH": str(PROJECT),
    }
    env.pop("CACHE_URL", None)  # the default: the database cache
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    _database_file(tmp_path, env, django_db_blocker)
    portals = []
    try:
        portals = [Portal(env), Portal(env)]
        deadline = time.monotonic() + START_TIMEOUT
        for portal in portals:
            portal.wait_until_ready(deadline)
        yield portals, mail_folder, tmp_path / "portal.sqlite3"
    finally:
        for portal in portals:
            portal.stop()


@pytest.fixture
def mail_folder(running_portals) -> Path:
    return running_portals[1]


@pytest.fixture
def two_portals(running_portals, mail_folder) -> list[Portal]:
    """The two servers, with nothing counted and no mail sent yet."""
    portals, _mail_folder, database = running_portals
    for message in mail_folder.iterdir():
        message.unlink()
    with contextlib.closing(sqlite3.connect(database, timeout=20)) as db:
        _clear_cache_table(db)
    return portals


def mails_sent(folder: Path) -> list[str]:
    """The messages the file mail backend wrote (each ends with a line of 79 dashes)."""
    return [
        message
        for path in folder.iterdir()
        for message in path.read_text().split("-" * 79 + "\n")
        if message.strip()
    ]


def test_ten_reset_requests_to_two_servers_send_three_mails(two_portals, mail_folder):
    first, second = two_portals
    statuses = [
        (first if n % 2 == 0 else second).ask_reset("directeur@example.org") for n in range(10)
    ]
    assert statuses == [200] * 10  # the same "mail sent" page every time
    sent = mails_sent(mail_folder)
    assert len(sent) == settings.PASSWORD_RESET_MAILS_PER_HOUR == 3
    assert all("To: directeur@example.org" in message for message in sent)


def test_the_token_throttle_counts_requests_to_both_servers(two_portals):
    first, second = two_portals
    answers = [(first if n % 2 == 0 else second).ask_token(f"raden-{n}") for n in range(21)]
    assert [status for status, _body in answers] == [400] * 20 + [429]
    assert "detail" in answers[-1][1]


def test_twenty_of_thirty_token_requests_at_once_pass_the_throttle(two_portals):
    """Sent at the same moment, 15 to each server: the count is atomic, so exactly the
    rate gets through (counting with a get and a set let more through)."""
    first, second = two_portals
    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(
            pool.map(
                lambda n: (first if n % 2 == 0 else second).ask_token(f"tegelijk-{n}")[0],
                range(30),
            )
        )
    assert sorted(statuses) == [400] * 20 + [429] * 10
