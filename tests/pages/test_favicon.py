"""The portal's own icon: every page links it, and /favicon.ico finds it too."""

import pytest
from django.urls import reverse

from tests import roles

pytestmark = pytest.mark.django_db

ICON = "/static/favicon.svg"


def test_the_icon_is_served_as_svg(client):
    response = client.get(ICON)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in b"".join(response.streaming_content)


LINK = f'<link rel="icon" href="{ICON}" type="image/svg+xml">'


def test_the_login_page_links_the_icon(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert LINK in response.content.decode()


def test_a_portal_page_links_the_icon(client_as):
    response = client_as(roles.DIRECTOR).get(reverse("overview"))
    assert response.status_code == 200
    assert LINK in response.content.decode()


def test_favicon_ico_leads_anonymous_visitors_to_the_icon_without_a_login(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == ICON
    assert client.get(response["Location"]).status_code == 200
