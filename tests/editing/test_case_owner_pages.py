"""The case owner edits the own case's description, questions and contact."""

import pytest
from django.urls import reverse

from cases.permissions import can_edit_case
from tests import roles
from tests.editing.conftest import assert_refused, in_dutch, snapshot
from tests.roles import DORDRECHT

# Everyone but the owner of the Dordrecht case: the owner of another case, the team
# lead of the team that lists the case, the director, the core team, the functional admin.
NOT_THE_OWNER = ["casus-zoetermeer", "trekker5", "directeur", "kernteam1", "beheerder"]

URL = reverse("case-edit", args=[DORDRECHT])


def test_the_owner_edits_the_case(client_as, dordrecht):
    client = client_as(roles.case_owner(roles.DORDRECHT))
    assert client.get(URL).status_code == 200

    response = client.post(
        URL, {"description": "Nieuwe vragen aan de teams.", "contact": "J. de Vries"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("case-detail", args=[DORDRECHT])
    dordrecht.refresh_from_db()
    assert (dordrecht.description, dordrecht.contact) == (
        "Nieuwe vragen aan de teams.",
        "J. de Vries",
    )
    assert dordrecht.history.first().history_user.username == "casus-dordrecht"


@pytest.mark.parametrize("username", NOT_THE_OWNER)
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_cannot_edit_the_case(client_as, user_named, dordrecht, username, method):
    before = snapshot(dordrecht)
    client = client_as(username)
    response = (
        client.get(URL)
        if method == "get"
        else client.post(URL, {"description": "Overgenomen", "contact": ""})
    )
    assert_refused(response, in_dutch(can_edit_case, user_named(username), dordrecht))
    assert snapshot(dordrecht) == before


def test_a_contact_longer_than_the_field_is_refused(client_as, dordrecht):
    before = snapshot(dordrecht)
    response = client_as(roles.case_owner(roles.DORDRECHT)).post(
        URL, {"description": dordrecht.description, "contact": "x" * 201}
    )
    assert response.status_code == 200
    assert "contact" in response.context["form"].errors
    assert snapshot(dordrecht) == before


def test_only_the_owner_sees_the_edit_link(client_as):
    url = reverse("case-detail", args=[DORDRECHT])
    for username in ["casus-dordrecht", *NOT_THE_OWNER]:
        html = client_as(username).get(url).content.decode()
        assert (URL in html) is (username == "casus-dordrecht"), username
