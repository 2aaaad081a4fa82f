"""Login throttling (django-axes): 5 failed attempts for one username from one address lock
that combination for the cool-off time, on the login page and on the API token endpoint.

The lock starts with the 5th failure: that attempt already answers 429.
"""

import datetime
import json

import pytest
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils.html import escape

from tests import roles
from tests.accounts.conftest import (
    PASSWORD,
    WRONG,
    dutch_lockout_message,
    is_logged_in,
    login,
    obtain_token,
)

pytestmark = pytest.mark.django_db

USERNAME = "trekker1"


def fail_login(client, times: int, username: str = USERNAME, **extra) -> list[int]:
    return [login(client, username, WRONG, **extra).status_code for _ in range(times)]


def fail_token(client, times: int, username: str = USERNAME, **extra) -> list[int]:
    return [obtain_token(client, username, WRONG, **extra).status_code for _ in range(times)]


def move_attempts_back(minutes: int) -> None:
    """As if the failed attempts were made this many minutes ago."""
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - datetime.timedelta(minutes=minutes)
    )


def test_the_settings_are_those_of_the_brief():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert "15" in dutch_lockout_message()


# The login page


def test_five_wrong_passwords_lock_the_login_even_for_the_right_password(client):
    assert fail_login(client, 4) == [200, 200, 200, 200]
    assert fail_login(client, 1) == [429]

    response = login(client, USERNAME, PASSWORD)

    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert escape(dutch_lockout_message()) in response.content.decode()
    assert not is_logged_in(client)
    assert AccessAttempt.objects.get(username=USERNAME).failures_since_start == 5


def test_the_lock_holds_one_username_from_one_address(client):
    fail_login(client, 5)
    assert login(client, USERNAME, PASSWORD).status_code == 429
    # The same address, another user; the same user, another address.
    assert login(client, "trekker2", PASSWORD).status_code == 302
    client.logout()
    assert login(client, USERNAME, PASSWORD, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_login_works_again_after_the_cool_off_time(client):
    fail_login(client, 5)
    move_attempts_back(minutes=14)
    assert login(client, USERNAME, PASSWORD).status_code == 429

    move_attempts_back(minutes=2)  # 16 minutes ago now
    response = login(client, USERNAME, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert is_logged_in(client)


def test_attempts_during_the_lock_do_not_extend_it(client):
    fail_login(client, 5)
    move_attempts_back(minutes=10)
    assert fail_login(client, 2) == [429, 429]
    assert login(client, USERNAME, PASSWORD).status_code == 429
    assert AccessAttempt.objects.get(username=USERNAME).failures_since_start == 5

    move_attempts_back(minutes=6)

    assert login(client, USERNAME, PASSWORD).status_code == 302


def test_the_functional_admin_unlocks_in_the_admin(client, other_client, user_named):
    fail_login(client, 5)
    attempt = AccessAttempt.objects.get(username=USERNAME)
    other_client.force_login(user_named(roles.FUNCTIONAL_ADMIN))
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert USERNAME in other_client.get(changelist).content.decode()

    response = other_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"}
    )

    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert login(client, USERNAME, PASSWORD).status_code == 302


def test_axes_reset_unlocks(client):
    fail_login(client, 5)
    assert axes_reset(username=USERNAME) == 1
    assert login(client, USERNAME, PASSWORD).status_code == 302


def test_a_successful_login_resets_the_counter(client):
    assert fail_login(client, 4) == [200] * 4
    assert login(client, USERNAME, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()
    client.logout()
    assert fail_login(client, 4) == [200] * 4
    assert login(client, USERNAME, PASSWORD).status_code == 302


def test_failures_on_the_login_page_and_the_api_add_up(client):
    fail_login(client, 3)
    assert fail_token(client, 2) == [400, 429]
    assert login(client, USERNAME, PASSWORD).status_code == 429


# The API token endpoint


def test_five_wrong_passwords_lock_the_token_endpoint_with_json(client):
    assert fail_token(client, 4) == [400, 400, 400, 400]
    assert fail_token(client, 1) == [429]

    response = obtain_token(client, USERNAME, PASSWORD)

    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"detail": dutch_lockout_message()}
    assert "token" not in response.content.decode()
    assert not is_logged_in(client)


def test_the_token_endpoint_works_again_after_the_cool_off_time(client):
    fail_token(client, 5)
    move_attempts_back(minutes=16)
    response = obtain_token(client, USERNAME, PASSWORD)
    assert response.status_code == 200
    assert set(response.json()) == {"token", "expiry"}


def test_the_token_endpoint_works_again_after_the_admin_unlocks(client):
    fail_token(client, 5)
    axes_reset(username=USERNAME)
    assert obtain_token(client, USERNAME, PASSWORD).status_code == 200


def test_a_token_resets_the_counter(client):
    assert fail_token(client, 4) == [400] * 4
    assert obtain_token(client, USERNAME, PASSWORD).status_code == 200
    assert not AccessAttempt.objects.exists()
    assert fail_token(client, 4) == [400] * 4
    assert obtain_token(client, USERNAME, PASSWORD).status_code == 200


def test_a_locked_out_api_client_with_form_data_also_gets_json(client):
    url = reverse("api-token")
    for _ in range(5):
        client.post(url, {"username": USERNAME, "password": WRONG})
    response = client.post(url, {"username": USERNAME, "password": PASSWORD})
    assert response.status_code == 429
    assert response.json() == {"detail": dutch_lockout_message()}


def test_an_overlong_username_is_counted_cut_to_the_length_of_a_username(client):
    """axes keeps at most 255 characters of a username; more was a 500 on PostgreSQL."""
    assert login(client, "x" * 300, WRONG).status_code == 200
    assert AccessAttempt.objects.get().username == "x" * 150
    # The API refuses it before it tries to authenticate.
    assert obtain_token(client, "y" * 300, WRONG).status_code == 400
    assert AccessAttempt.objects.count() == 1


def test_overlong_usernames_are_locked_out_too(client):
    assert fail_login(client, 5, username="x" * 300)[-1] == 429
    assert fail_login(client, 1, username="x" * 150 + "y")[-1] == 429
