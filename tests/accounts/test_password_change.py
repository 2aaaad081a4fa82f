"""Password change: the old password is needed; afterwards only the new one works."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests import roles
from tests.accounts.conftest import PASSWORD, is_logged_in, login

NEW_PASSWORD = "Herfst-atelier-Zoetermeer-2021"


def dutch(message: str) -> str:
    with translation.override("nl"):
        return translation.gettext(message)


def change(client: Client, old: str, new: str, repeat: str | None = None):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": repeat or new},
    )


def test_the_header_links_to_the_password_change(client_as):
    html = client_as(roles.team_lead(1)).get(reverse("overview")).content.decode()
    assert f'<a href="{reverse("password_change")}">{dutch("Change password")}</a>' in html


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client):
    url = reverse("password_change")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_the_form_has_labelled_fields(client_as):
    response = client_as(roles.team_lead(1)).get(reverse("password_change"))
    assert response.status_code == 200
    html = response.content.decode()
    for field in ["old_password", "new_password1", "new_password2"]:
        assert f'<label for="id_{field}">' in html
    # The password rules, linked to the field that they describe.
    assert 'aria-describedby="id_new_password1_helptext"' in html
    assert 'id="id_new_password1_helptext"' in html


def test_a_wrong_old_password_changes_nothing(client_as, user_named):
    client = client_as(roles.team_lead(1))
    response = change(client, "not-the-password", NEW_PASSWORD)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_old_password"' in html
    assert user_named(roles.team_lead(1)).check_password(PASSWORD)


def test_two_different_new_passwords_change_nothing(client_as, user_named):
    response = change(client_as(roles.team_lead(1)), PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x")
    assert response.status_code == 200
    assert user_named(roles.team_lead(1)).check_password(PASSWORD)


def test_a_weak_new_password_is_refused(client_as, user_named):
    response = change(client_as(roles.team_lead(1)), PASSWORD, "trekker1")
    assert response.status_code == 200
    assert user_named(roles.team_lead(1)).check_password(PASSWORD)


def test_after_a_change_only_the_new_password_works(client_as):
    client = client_as(roles.team_lead(1))
    response = change(client, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    # The session that changed the password goes on.
    assert is_logged_in(client)
    done = client.get(response["Location"])
    assert done.status_code == 200
    assert dutch("Password changed") in done.content.decode()

    assert login(Client(), "trekker1", PASSWORD).status_code == 200
    assert login(Client(), "trekker1", NEW_PASSWORD).status_code == 302


def test_a_change_ends_the_other_sessions_of_the_user(client_as, user_named):
    other_browser = Client()
    other_browser.force_login(user_named(roles.team_lead(1)))
    change(client_as(roles.team_lead(1)), PASSWORD, NEW_PASSWORD)
    response = other_browser.get(reverse("overview"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
