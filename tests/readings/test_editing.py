"""Only the functional admin rewords a reading, in the admin, through the service; the
plan's words stay as the plan has them. Every other role is refused and nothing changes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from citydeal.models import Reading
from citydeal.services import reading_update
from tests import roles

pytestmark = pytest.mark.django_db

OTHER_ROLES = [
    roles.CORE_TEAM,
    roles.team_lead(5),
    roles.case_owner(roles.DORDRECHT),
    roles.DIRECTOR,
]


def the_reading() -> Reading:
    return Reading.objects.get(field="contact", plan_words="Theo Santegoets (Dordtrecht)")


def change_url(reading: Reading) -> str:
    return reverse("admin:citydeal_reading_change", args=[reading.pk])


def test_the_functional_admin_rewords_a_reading_in_the_admin(client_as):
    reading = the_reading()
    client = client_as(roles.FUNCTIONAL_ADMIN)

    page = client.get(change_url(reading))
    response = client.post(
        change_url(reading),
        {
            "reading": "Contact uit rij 5 van de planning.",
            "plan_words": "Iets anders",
            "_save": "1",
        },
    )

    assert page.status_code == 200
    assert response.status_code == 302
    reading.refresh_from_db()
    assert reading.reading == "Contact uit rij 5 van de planning."
    assert reading.plan_words == "Theo Santegoets (Dordtrecht)"  # read-only in the form


def test_the_functional_admin_sees_the_readings_in_the_admin_list(client_as):
    response = client_as(roles.FUNCTIONAL_ADMIN).get(reverse("admin:citydeal_reading_changelist"))
    assert response.status_code == 200
    assert "Theo Santegoets (Dordtrecht)" in response.content.decode()


@pytest.mark.parametrize("username", OTHER_ROLES)
def test_other_roles_cannot_reword_a_reading(username, user_named, client_as):
    reading = the_reading()
    before = reading.reading

    with pytest.raises(PermissionDenied):
        reading_update(reading_id=reading.pk, by=user_named(username), reading="Anders.")
    response = client_as(username).post(change_url(reading), {"reading": "Anders.", "_save": "1"})

    assert response.status_code in (302, 403)  # the admin sends non-staff to its login
    reading.refresh_from_db()
    assert reading.reading == before


def test_an_empty_reading_is_refused_and_nothing_changes(user_named, client_as):
    reading = the_reading()
    before = reading.reading

    with pytest.raises(ValidationError):
        reading_update(reading_id=reading.pk, by=user_named(roles.FUNCTIONAL_ADMIN), reading="")
    response = client_as(roles.FUNCTIONAL_ADMIN).post(
        change_url(reading), {"reading": "", "_save": "1"}
    )

    assert response.status_code == 200  # the form again, with the error
    reading.refresh_from_db()
    assert reading.reading == before


def test_nobody_adds_or_deletes_readings_in_the_admin(client_as):
    client = client_as(roles.FUNCTIONAL_ADMIN)
    reading = the_reading()

    assert client.get(reverse("admin:citydeal_reading_add")).status_code == 403
    response = client.post(
        reverse("admin:citydeal_reading_delete", args=[reading.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Reading.objects.filter(pk=reading.pk).exists()
