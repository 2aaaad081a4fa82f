"""Settings of a benchmark run: the production settings, served over plain HTTP on
127.0.0.1, with the bare reference view added to the URLs.

``bench/run.py`` sets the environment (SECRET_KEY, DATABASE_URL, STATIC_ROOT with the
collected files, DEBUG off, a generous API throttle) before gunicorn or the in-process
probe imports this module.
"""

from citydeal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# The test client of the in-process probe asks for "testserver".
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# No TLS in front of gunicorn here: no redirect to https, cookies over http.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
