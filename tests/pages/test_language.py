"""Dutch is what everyone sees until they choose English with the language switch."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests import roles

pytestmark = pytest.mark.django_db


def nl(text: str) -> str:
    with translation.override("nl"):
        return translation.gettext(text)


def test_an_english_browser_still_gets_dutch(client_as):
    client = client_as(roles.DIRECTOR)
    response = client.get(reverse("overview"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()
    assert nl("Skip to main content") in response.content.decode()


def test_the_language_switch_chooses_english_and_back(client_as):
    client = client_as(roles.DIRECTOR)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("overview")).content.decode()
    assert '<html lang="en">' in page
    assert "Skip to main content" in page
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert '<html lang="nl">' in client.get(reverse("overview")).content.decode()


def test_an_unknown_language_cookie_falls_back_to_dutch(client_as):
    client = client_as(roles.DIRECTOR)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="nl">' in client.get(reverse("overview")).content.decode()


def test_the_login_page_can_switch_language_anonymously(client):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page
