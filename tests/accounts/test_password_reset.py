"""Password reset by email, end to end: the mail is sent, its link works once, and an
unknown address gets the same answer without a mail."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests import roles
from tests.accounts.conftest import PASSWORD, is_logged_in, login

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Zomer-in-de-Componistenbuurt-2022"
LINK = re.compile(r"https?://testserver(/accounts/reset/[^/\s]+/[^/\s]+/)")


def dutch(message: str) -> str:
    with translation.override("nl"):
        return translation.gettext(message)


def request_reset(client: Client, email: str):
    return client.post(reverse("password_reset"), {"email": email})


def test_the_login_page_links_to_the_reset_form(client):
    html = client.get(reverse("login")).content.decode()
    assert f'<a href="{reverse("password_reset")}">{dutch("Forgot your password?")}</a>' in html


@pytest.mark.parametrize(
    "name", ["password_reset", "password_reset_done", "password_reset_complete"]
)
def test_the_reset_pages_open_for_anonymous_visitors(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()


def test_the_reset_form_has_a_labelled_email_field(client):
    html = client.get(reverse("password_reset")).content.decode()
    assert '<label for="id_email">' in html
    assert 'autocomplete="email"' in html


def test_an_invalid_address_shows_the_error(client):
    response = request_reset(client, "not an address")
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()


def test_password_reset_end_to_end(client, mailoutbox, user_named):
    response = request_reset(client, "trekker1@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["trekker1@example.org"]
    assert mail.subject == dutch("New password for the CDOR portal")
    assert "trekker1" in mail.body
    link = LINK.search(mail.body).group(1)

    # The link redirects to a URL without the token (kept in the session), as Django does.
    response = client.get(link)
    assert response.status_code == 302
    form_url = response["Location"]
    html = client.get(form_url).content.decode()
    assert '<label for="id_new_password1">' in html
    assert '<label for="id_new_password2">' in html

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_complete")
    assert not is_logged_in(client)  # resetting does not log in: the visitor does

    assert login(Client(), "trekker1", PASSWORD).status_code == 200  # the old one fails
    browser = Client()
    assert login(browser, "trekker1", NEW_PASSWORD).status_code == 302
    assert is_logged_in(browser)

    # The link works once.
    again = Client()
    response = again.get(link, follow=True)
    assert response.status_code == 200
    assert not response.context["validlink"]
    html = response.content.decode()
    assert dutch("This link no longer works") in html
    assert 'name="new_password1"' not in html
    assert user_named(roles.team_lead(1)).check_password(NEW_PASSWORD)


def test_a_used_link_cannot_set_a_password_by_post_either(client, mailoutbox, user_named):
    request_reset(client, "trekker1@example.org")
    link = LINK.search(mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    attacker = Client()
    attacker.get(link)
    response = attacker.post(
        form_url, {"new_password1": "Iets-anders-2023!", "new_password2": "Iets-anders-2023!"}
    )
    assert response.status_code == 200
    assert not response.context["validlink"]
    assert user_named(roles.team_lead(1)).check_password(NEW_PASSWORD)


def test_a_weak_new_password_is_refused_with_the_reason(client, mailoutbox):
    request_reset(client, "trekker1@example.org")
    form_url = client.get(LINK.search(mailoutbox[0].body).group(1))["Location"]
    response = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()


def test_an_unknown_address_gets_the_same_page_and_no_mail(client, mailoutbox):
    known = request_reset(client, "trekker1@example.org")
    unknown = request_reset(Client(), "nobody@example.org")
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"] == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["trekker1@example.org"]


def test_an_inactive_account_gets_no_mail(client, mailoutbox, user_named):
    user = user_named(roles.team_lead(1))
    user.is_active = False
    user.save()
    assert request_reset(client, "trekker1@example.org").status_code == 302
    assert mailoutbox == []


def test_a_tampered_link_does_not_work(client, mailoutbox):
    request_reset(client, "trekker1@example.org")
    link = LINK.search(mailoutbox[0].body).group(1)
    response = client.get(link[:-3] + "xx/", follow=True)
    assert not response.context["validlink"]
