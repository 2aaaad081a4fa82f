"""Every model with a natural key finds its rows by it through the one kernel manager
(the seed fixtures refer to rows by these keys)."""

import pytest
from django.apps import apps

from citydeal.managers import NaturalKeyManager

PROJECT_APPS = ["teams", "activities", "budgets", "cases", "partners", "events"]

WITH_NATURAL_KEY = sorted(
    (
        model
        for name in PROJECT_APPS
        for model in apps.get_app_config(name).get_models()
        if hasattr(model, "natural_key")
    ),
    key=lambda model: model._meta.label,
)


def test_every_natural_key_model_uses_the_kernel_manager():
    assert len(WITH_NATURAL_KEY) == 15
    assert [
        model._meta.label
        for model in WITH_NATURAL_KEY
        if not isinstance(model._default_manager, NaturalKeyManager)
    ] == []


@pytest.mark.parametrize("model", WITH_NATURAL_KEY, ids=lambda model: model._meta.label)
def test_a_seed_row_is_found_by_its_natural_key(model, db):
    row = model._default_manager.order_by("pk").last()

    assert model._default_manager.get_by_natural_key(*row.natural_key()) == row


def test_a_key_of_the_wrong_length_finds_nothing(db):
    team_model = apps.get_model("teams", "Team")

    with pytest.raises(team_model.DoesNotExist):
        team_model._default_manager.get_by_natural_key("cdor")
