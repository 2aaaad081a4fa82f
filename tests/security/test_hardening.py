"""Small hardening: escaped log values, tokens end with the password, own account without role."""

import logging

import pytest
from django.urls import reverse
from knox.models import AuthToken

from accounts.models import User
from citydeal.logsafe import log_safe

pytestmark = pytest.mark.django_db


def test_log_values_cannot_forge_a_line():
    assert log_safe("directeur") == "directeur"
    assert log_safe("x\nlogin user=kernteam1 ip=1.2.3.4") == "x\\nlogin user=kernteam1 ip=1.2.3.4"
    assert "\n" not in log_safe("a\r\nb\x00c")


def test_a_failed_login_with_a_line_break_in_the_name_stays_one_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="citydeal.security"):
        client.post(reverse("login"), {"username": "x\nlogin user=beheerder", "password": "y"})
    lines = [r.getMessage() for r in caplog.records if r.name == "citydeal.security"]
    assert lines and all("\n" not in line for line in lines)


def test_a_new_password_revokes_the_api_tokens():
    user = User.objects.get(username="trekker2")
    AuthToken.objects.create(user=user)
    AuthToken.objects.create(user=user)
    user.first_name = "Anders"
    user.save()
    assert AuthToken.objects.filter(user=user).count() == 2  # other changes keep them
    user.set_password("een-nieuw-wachtwoord-2026")
    user.save()
    assert not AuthToken.objects.filter(user=user).exists()


def test_an_account_without_role_can_still_log_out_and_change_its_password(client):
    user = User.objects.create_user("zonder-rol", password="oud-wachtwoord-2026")
    client.force_login(user)
    assert client.get(reverse("overview")).status_code == 403
    assert client.get(reverse("password_change")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("overview")).status_code == 302  # to the login page
