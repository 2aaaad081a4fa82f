"""Settings for the test suite: the production settings with a test key and fast hashing.

DATABASE_URL still comes from the environment, so the same suite runs on SQLite
and on PostgreSQL.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests serve static files through the finders; there is no collected STATIC_ROOT.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# Tasks run at once in tests; tests/spending/test_mail_queue.py covers the database queue.
# The immediate backend, each task checked for N+1s on its own (tests/nplusone.py).
TASKS = {"default": {"BACKEND": "tests.nplusone.CheckedImmediateBackend"}}

# N+1 detection (django-zeal, tests/nplusone.py): every request the tests make is checked
# on its own, and tests/conftest.py checks every test body. An N+1 raises.
INSTALLED_APPS = [*INSTALLED_APPS, "zeal"]  # noqa: F405
MIDDLEWARE = ["tests.nplusone.nplusone_middleware", *MIDDLEWARE]  # noqa: F405
ZEAL_RAISE = True
# The same relation loaded lazily twice from the same line is an N+1.
ZEAL_NPLUSONE_THRESHOLD = 2
# Django loads the session by its key, one per request; a test's force_login reads it twice
# from the same line of Django's own code.
ZEAL_ALLOWLIST = [{"model": "sessions.Session", "field": "get()"}]
