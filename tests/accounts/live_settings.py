"""Settings of the portal processes that tests/accounts/test_limits_across_processes.py
starts: the test settings (fast hashing), with mail written to files in a folder the
test reads, so that mail sent by any process can be counted."""

import os

from citydeal.settings_test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["CDOR_LIVE_MAIL_DIR"]
