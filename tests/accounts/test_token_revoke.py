"""Revoking API tokens: the owner ends the token in use or all of them, the functional
admin ends all of a user's in the admin, where no token or digest is ever shown."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from knox.models import AuthToken

from tests import roles
from tests.accounts.conftest import PASSWORD, obtain_token
from tests.spending.conftest import dutch_plural

pytestmark = pytest.mark.django_db

REVOKE_URL = "/api/v1/auth/token/revoke/"
REVOKE_ALL_URL = "/api/v1/auth/token/revoke-all/"
READ_URL = "/api/v1/teams/"


def token_for(client, username: str) -> str:
    return obtain_token(client, username, PASSWORD).json()["token"]


def with_token(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {token}"}


def test_the_urls():
    assert reverse("api-token-revoke") == REVOKE_URL
    assert reverse("api-token-revoke-all") == REVOKE_ALL_URL


def test_revoke_ends_the_token_it_is_sent_with_and_no_other(client):
    used, other = token_for(client, "trekker1"), token_for(client, "trekker1")

    response = client.post(REVOKE_URL, **with_token(used))

    assert response.status_code == 204
    assert client.get(READ_URL, **with_token(used)).status_code == 401
    assert client.get(READ_URL, **with_token(other)).status_code == 200
    assert AuthToken.objects.count() == 1


def test_a_revoked_token_cannot_revoke_again(client):
    token = token_for(client, "trekker1")
    assert client.post(REVOKE_URL, **with_token(token)).status_code == 204
    assert client.post(REVOKE_URL, **with_token(token)).status_code == 401


def test_revoke_needs_a_token_a_session_has_none_to_revoke(client_as):
    browser = client_as(roles.team_lead(1))
    response = browser.post(REVOKE_URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_anonymous_gets_401(client):
    token_for(client, "trekker1")
    assert client.post(REVOKE_URL).status_code == 401
    assert client.post(REVOKE_ALL_URL).status_code == 401
    assert AuthToken.objects.count() == 1


def test_get_is_not_allowed(client):
    token = token_for(client, "trekker1")
    assert client.get(REVOKE_URL, **with_token(token)).status_code == 405
    assert client.get(REVOKE_ALL_URL, **with_token(token)).status_code == 405
    assert AuthToken.objects.count() == 1


def test_revoke_all_ends_every_token_of_the_user_only(client):
    mine = [token_for(client, "trekker1") for _ in range(3)]
    theirs = token_for(client, "trekker2")

    response = client.post(REVOKE_ALL_URL, **with_token(mine[0]))

    assert response.status_code == 204
    assert [client.get(READ_URL, **with_token(t)).status_code for t in mine] == [401] * 3
    assert client.get(READ_URL, **with_token(theirs)).status_code == 200


def test_revoke_all_from_the_browser_session_needs_the_csrf_token(client, user_named):
    token = token_for(client, "trekker1")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user_named(roles.team_lead(1)))
    json = {"data": "{}", "content_type": "application/json"}
    assert browser.post(REVOKE_ALL_URL, **json).status_code == 403
    assert AuthToken.objects.count() == 1

    browser.get(reverse("password_change"))  # sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    assert browser.post(REVOKE_ALL_URL, **json, HTTP_X_CSRFTOKEN=csrf).status_code == 204
    assert client.get(READ_URL, **with_token(token)).status_code == 401


def test_a_user_without_a_role_can_still_revoke_own_tokens(client):
    from accounts.models import User

    User.objects.create_user("zonder-rol", password=PASSWORD)
    token = token_for(client, "zonder-rol")
    assert client.get(READ_URL, **with_token(token)).status_code == 403
    assert client.post(REVOKE_URL, **with_token(token)).status_code == 204
    assert not AuthToken.objects.exists()


def test_revoking_is_logged(client, caplog):
    token = token_for(client, "trekker1")
    with caplog.at_level("INFO", logger="citydeal.security"):
        client.post(REVOKE_URL, **with_token(token))
    assert "api token revoked user=trekker1 by=trekker1" in caplog.text


# The admin


def test_the_admin_never_lists_tokens(client, client_as):
    token = token_for(client, "trekker1")
    digest = AuthToken.objects.get().digest
    admin = client_as(roles.FUNCTIONAL_ADMIN)
    with pytest.raises(NoReverseMatch):
        reverse("admin:knox_authtoken_changelist")
    assert admin.get("/admin/knox/authtoken/").status_code == 404
    pages = [
        admin.get(reverse("admin:index")),
        admin.get(reverse("admin:accounts_user_changelist")),
        admin.get(reverse("admin:accounts_user_change", args=[AuthToken.objects.get().user_id])),
    ]
    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        assert token not in html
        assert digest not in html
        assert token[:15] not in html  # knox keeps the first characters to look it up


def test_the_admin_shows_how_many_tokens_a_user_has(client, client_as, user_named):
    for _ in range(2):
        token_for(client, "trekker1")
    admin = client_as(roles.FUNCTIONAL_ADMIN)
    changelist = admin.get(reverse("admin:accounts_user_changelist"), {"q": "trekker1"})
    assert '<td class="field-api_tokens">2</td>' in changelist.content.decode()


def test_the_functional_admin_revokes_all_tokens_of_selected_users(client, client_as, user_named):
    lead, core, director = (
        token_for(client, "trekker1"),
        token_for(client, "kernteam1"),
        token_for(client, "directeur"),
    )
    admin = client_as(roles.FUNCTIONAL_ADMIN)
    selected = [user_named(roles.team_lead(1)).pk, user_named(roles.CORE_TEAM).pk]

    response = admin.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "revoke_api_tokens", "_selected_action": selected},
        follow=True,
    )

    assert response.status_code == 200
    assert (
        dutch_plural("%(count)d API token revoked.", "%(count)d API tokens revoked.", 2)
        % {"count": 2}
        in response.content.decode()
    )
    assert client.get(READ_URL, **with_token(lead)).status_code == 401
    assert client.get(READ_URL, **with_token(core)).status_code == 401
    assert client.get(READ_URL, **with_token(director)).status_code == 200


def test_no_one_else_can_revoke_other_users_tokens(client, user_named):
    from django.core.exceptions import PermissionDenied

    from accounts import services

    token_for(client, "trekker1")
    for username in ("kernteam1", "directeur", "trekker2"):
        with pytest.raises(PermissionDenied):
            services.api_tokens_revoke_all(
                user=user_named(roles.team_lead(1)), by=user_named(username)
            )
    assert AuthToken.objects.count() == 1
