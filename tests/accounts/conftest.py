"""Helpers for the account tests: logging in through the login page and the API token
endpoint, as a visitor does (django-axes only counts attempts that pass authenticate())."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.lockout import lockout_message

PASSWORD = settings.DEMO_PASSWORD
WRONG = "not-the-password"


def dutch_lockout_message() -> str:
    """The lockout message users see (the Dutch catalogue is written apart)."""
    with translation.override("nl"):
        return lockout_message()


def login(client: Client, username: str, password: str, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def obtain_token(client: Client, username: str, password: str, **extra):
    return client.post(
        reverse("api-token"),
        {"username": username, "password": password},
        content_type="application/json",
        **extra,
    )


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def other_client() -> Client:
    """A second browser, e.g. the functional admin's while a visitor is locked out."""
    return Client()
