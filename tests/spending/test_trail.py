"""The trail of a spending request: kept for every step, changed and deleted by nobody,
not through the ORM and not in the admin, not even by the superuser."""

import pytest
from django.db.models.deletion import ProtectedError
from django.urls import reverse

from citydeal.trail import TrailImmutableError
from spending.constants import SpendingState
from spending.models import SpendingChange, SpendingRequest, SpendingTransition
from tests import roles


@pytest.fixture
def trail(small, maker):
    req = maker.realised(small.line_a21, by=small.lead_a)
    return req, list(req.transitions.select_related("by"))


def test_every_step_is_in_the_trail(trail, user_named, small):
    req, steps = trail
    assert [(s.from_state, s.to_state, s.by.username) for s in steps] == [
        (SpendingState.DRAFT, SpendingState.SUBMITTED, "lead-a"),
        (SpendingState.SUBMITTED, SpendingState.APPROVED, "kernteam1"),
        (SpendingState.APPROVED, SpendingState.REALISED, "kernteam2"),
    ]
    assert all(s.at is not None for s in steps)


def test_a_step_cannot_be_saved_again(trail):
    _req, steps = trail
    steps[0].note = "changed afterwards"
    with pytest.raises(TrailImmutableError):
        steps[0].save()


def test_a_step_cannot_be_deleted(trail):
    _req, steps = trail
    with pytest.raises(TrailImmutableError):
        steps[0].delete()


def test_the_trail_cannot_be_updated_or_deleted_in_bulk(trail):
    req, _steps = trail
    with pytest.raises(TrailImmutableError):
        SpendingTransition.objects.filter(request=req).update(note="x")
    with pytest.raises(TrailImmutableError):
        SpendingTransition.objects.filter(request=req).delete()
    assert req.transitions.filter(note="x").count() == 0


def test_a_request_with_a_trail_cannot_be_deleted(trail):
    req, _steps = trail
    with pytest.raises((ProtectedError, TrailImmutableError)):
        SpendingRequest.objects.filter(pk=req.pk).delete()
    assert SpendingRequest.objects.filter(pk=req.pk).exists()


def _admin_url(obj, view: str) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])


def test_the_admin_shows_a_step_but_does_not_change_or_delete_it(trail, client_as):
    _req, steps = trail
    client = client_as(roles.FUNCTIONAL_ADMIN)
    step = steps[0]

    assert client.get(_admin_url(step, "change")).status_code == 200
    response = client.post(_admin_url(step, "change"), {"note": "changed", "to_state": "concept"})
    assert response.status_code == 403
    assert client.post(_admin_url(step, "delete"), {"post": "yes"}).status_code == 403
    step.refresh_from_db()
    assert (step.note, step.to_state) == ("", SpendingState.SUBMITTED)


def test_the_admin_does_not_change_a_requests_state(trail, client_as):
    req, _steps = trail
    client = client_as(roles.FUNCTIONAL_ADMIN)

    page = client.get(_admin_url(req, "change"))
    assert page.status_code == 200
    assert 'name="state"' not in page.content.decode()
    response = client.post(_admin_url(req, "change"), {"state": "concept", "amount": "1"})
    assert response.status_code == 403
    assert client.post(_admin_url(req, "delete"), {"post": "yes"}).status_code == 403
    req.refresh_from_db()
    assert req.state == SpendingState.REALISED
    assert req.transitions.count() == 3


def test_the_admin_has_no_bulk_delete_for_spending(client_as):
    client = client_as(roles.FUNCTIONAL_ADMIN)
    for model in (SpendingRequest, SpendingTransition, SpendingChange):
        meta = model._meta
        page = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        assert page.status_code == 200
        assert "delete_selected" not in page.content.decode()
