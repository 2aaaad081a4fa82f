"""The admin's pages load the portal's repairs of the admin (static/admin-portal/) and its
icon; the browser test tests/browser/test_admin_axe.py checks what they repair."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from tests import roles

pytestmark = pytest.mark.django_db

ASSETS = [
    '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">',
    '<link rel="stylesheet" href="/static/admin-portal/admin.css">',
    '<script src="/static/admin-portal/admin.js" defer></script>',
]


@pytest.mark.parametrize(
    "url_name", ["admin:index", "admin:login", "admin:accounts_user_changelist"]
)
def test_admin_pages_link_the_portal_assets(client_as, client, url_name):
    if url_name != "admin:login":
        client = client_as(roles.FUNCTIONAL_ADMIN)
    html = client.get(reverse(url_name)).content.decode()
    assert [asset for asset in ASSETS if asset not in html] == []


def test_the_admin_assets_are_served(client):
    for path, kind in (
        ("admin-portal/admin.css", "text/css"),
        ("admin-portal/admin.js", "javascript"),
    ):
        response = client.get(f"/static/{path}")
        assert response.status_code == 200, path
        assert kind in response["Content-Type"], path


def test_the_admin_keeps_its_site_header(client_as):
    """The override of base_site.html keeps the admin's own title and branding."""
    html = client_as(roles.FUNCTIONAL_ADMIN).get(reverse("admin:index")).content.decode()
    with translation.override("nl"):  # the admin speaks Dutch until English is chosen
        header = str(admin.site.site_header)
    assert f'<div id="site-name"><a href="/admin/">{header}</a></div>' in html
