"""Contacts only for logged-in users: every page of the partner network sends an anonymous
visitor to the login page, and nothing of a contact person reaches them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts.models import User
from partners.permissions import can_see_contacts
from tests import roles
from tests.factories import UserFactory
from tests.partners.helpers import organisation

pytestmark = pytest.mark.django_db

CONTACT_NAMES = ["Marco Hoogvliet", "Gijsbert Schuur", "Rutger van der Brugge"]
CONTACT_EMAIL = "gijsbert.schuur@cob.nl"


def _pages():
    return [
        (reverse("organisation-list"), {}),
        (reverse("organisation-detail", kwargs={"pk": organisation("Deltares").pk}), {}),
        (reverse("organisation-detail", kwargs={"pk": organisation("COB").pk}), {}),
        (reverse("partner-search"), {"q": "hoogvliet"}),
        (reverse("partner-search"), {"q": "cob"}),
    ]


def test_an_anonymous_visitor_is_sent_to_the_login_page_and_sees_no_contact(client):
    for url, params in _pages():
        response = client.get(url, params)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{reverse('login')}?next=")
        login = client.get(response["Location"])
        for content in (response.content.decode(), login.content.decode()):
            for name in CONTACT_NAMES:
                assert name not in content, url
            assert CONTACT_EMAIL not in content, url


def test_a_logged_in_reader_sees_the_contacts(client_as):
    client = client_as(roles.case_owner(roles.DORDRECHT))
    cob = reverse("organisation-detail", kwargs={"pk": organisation("COB").pk})
    html = client.get(cob).content.decode()
    assert "Gijsbert Schuur" in html
    assert CONTACT_EMAIL in html


@pytest.mark.parametrize(
    "username",
    [
        roles.CORE_TEAM,
        roles.team_lead(5),
        roles.case_owner(roles.DORDRECHT),
        roles.DIRECTOR,
        roles.FUNCTIONAL_ADMIN,
    ],
)
def test_every_role_may_see_contacts(username):
    assert can_see_contacts(User.objects.get(username=username))


def test_nobody_without_a_role_sees_contacts():
    assert not can_see_contacts(AnonymousUser())
    verdict = can_see_contacts(UserFactory())
    assert not verdict
    assert verdict.reason
    inactive = User.objects.get(username=roles.DIRECTOR)
    inactive.is_active = False
    assert not can_see_contacts(inactive)
