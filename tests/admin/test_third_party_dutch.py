"""The admin speaks Dutch for the other packages' apps too: the login security of
django-axes and the task queue of django-tasks, and the column headings of the index."""

import pytest
from django.urls import reverse

from tests import roles

pytestmark = pytest.mark.django_db

ENGLISH = (
    "Access attempts",
    "Access failures",
    "Access logs",
    ">Axes<",
    "Task Results",
    "Tasks Database Backend",
    "Model name",
    "Add link",
    "Change or view list link",
)


def test_the_admin_index_names_every_app_and_model_in_dutch(client_as):
    html = client_as(roles.FUNCTIONAL_ADMIN).get(reverse("admin:index")).content.decode()
    assert [word for word in ENGLISH if word in html] == []
    for dutch in ("Beveiliging van het inloggen", "Inlogpogingen", "Takenwachtrij"):
        assert dutch in html


def test_the_login_security_list_has_a_dutch_title(client_as):
    response = client_as(roles.FUNCTIONAL_ADMIN).get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 200
    assert "inlogpoging" in response.content.decode()
