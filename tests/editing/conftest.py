"""Helpers for the edit pages: what a refusal looks like, and a snapshot of a row."""

import pytest
from django.forms.models import model_to_dict
from django.utils import translation
from django.utils.html import escape

from activities.models import Activity
from budgets.models import BudgetLine, BudgetSpace
from cases.models import Case
from partners.models import RelatedProgramme
from teams.constants import PROGRAMME_SLUG
from teams.models import Goal, Programme
from tests.roles import DORDRECHT


def snapshot(obj) -> dict:
    """The row's own fields and links, and how many history records it has."""
    obj = type(obj).objects.get(pk=obj.pk)
    return {"fields": model_to_dict(obj), "history": obj.history.count()}


def assert_refused(response, verdict) -> None:
    """403, with the rule's reason in Dutch (as the user reads it) in the page."""
    assert verdict.allowed is False
    assert response.status_code == 403
    assert escape(verdict.reason) in response.content.decode()


def in_dutch(rule, *args):
    """The verdict of a rule as a Dutch user gets it."""
    with translation.override("nl"):
        return rule(*args)


@pytest.fixture
def programme(db) -> Programme:
    return Programme.objects.get(slug=PROGRAMME_SLUG)


@pytest.fixture
def ot1_activity(db) -> Activity:
    """An OT1 activity with a goal, a planning and an estimate, as the seed has it."""
    return (
        Activity.objects.filter(team__number=1, goal__isnull=False)
        .exclude(estimate_text="")
        .order_by("order")
        .first()
    )


@pytest.fixture
def ot1_goal(db) -> Goal:
    return Goal.objects.filter(team__number=1).order_by("order").first()


@pytest.fixture
def ot1_related_programme(db) -> RelatedProgramme:
    return RelatedProgramme.objects.filter(team__number=1).order_by("order").first()


@pytest.fixture
def dordrecht(db) -> Case:
    return Case.objects.get(slug=DORDRECHT)


@pytest.fixture
def ot5_line_2021(db) -> BudgetLine:
    return BudgetLine.objects.get(team__number=5, period__label="2021")


@pytest.fixture
def space_2022(db) -> BudgetSpace:
    return BudgetSpace.objects.get(programme__slug=PROGRAMME_SLUG, year=2022)
