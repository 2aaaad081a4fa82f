"""What the history records: every row of the seed once, every change after that once,
also a change made from the far side of a many-to-many link."""

from decimal import Decimal

import pytest

from activities.models import Activity
from budgets.models import BudgetLine
from cases.models import Case
from citydeal.historical import (
    SEED_REASON,
    history_catch_up,
    history_paused,
    save_with_history,
    tracked_models,
)
from citydeal.seed import seed_load
from teams.models import Team
from tests import roles

pytestmark = pytest.mark.django_db

DORDRECHT = "dordtse-buurtaanpak-componistenbuurt"


def history_counts() -> dict[str, int]:
    return {model._meta.label: model.history.count() for model in tracked_models()}


def test_the_models_of_the_issue_keep_history():
    labels = {model._meta.label for model in tracked_models()}
    assert labels >= {
        "teams.Team",
        "teams.Goal",
        "activities.Activity",
        "budgets.BudgetLine",
        "budgets.BudgetSpace",
        "budgets.Decision",
        "cases.Case",
        "cases.CaseCost",
        "partners.Organisation",
        "partners.Contact",
        "partners.RelatedProgramme",
        "events.Event",
    }


def test_every_seeded_row_has_a_record_from_the_seed():
    for model in tracked_models():
        first = model.history.order_by("history_date", "history_id")
        seeded = first.filter(history_type="+", history_change_reason=SEED_REASON)
        assert seeded.values("id").distinct().count() == model.objects.count(), model


def test_loading_the_seed_again_records_nothing():
    before = history_counts()
    seed_load()
    assert history_counts() == before


def test_loading_the_seed_again_records_nothing_over_an_edit():
    line = BudgetLine.objects.get(team__number=5, period__label="2021")
    line.amount = Decimal("1.00")
    line.save()
    records = line.history.count()
    seed_load()
    line.refresh_from_db()
    assert line.amount == Decimal("1.00")
    assert line.history.count() == records
    assert line.history.first().history_change_reason != SEED_REASON


def test_catching_up_twice_writes_nothing_the_second_time():
    assert history_catch_up() == 0


def test_an_ordinary_save_is_recorded_with_its_user(user_named):
    activity = Activity.objects.filter(team__number=1).first()
    activity._history_user = user_named(roles.team_lead(1))
    activity.title = "Nieuwe titel"
    activity.save()
    record = activity.history.first()
    assert (record.history_type, record.title, record.history_user.username) == (
        "~",
        "Nieuwe titel",
        "trekker1",
    )


def test_nothing_is_recorded_while_paused():
    activity = Activity.objects.first()
    before = activity.history.count()
    with history_paused():
        activity.title = "Stil"
        activity.save()
        activity.cases.clear()
    assert activity.history.count() == before


def test_links_set_from_the_far_side_are_recorded_on_the_activity():
    case = Case.objects.get(slug=DORDRECHT)
    activity = Activity.objects.filter(team__number=2).exclude(cases=case).first()
    before = activity.history.count()

    case.activities.add(activity)
    assert activity.history.count() == before + 1
    assert list(activity.history.first().cases.values_list("case_id", flat=True)) == [case.pk]

    case.activities.remove(activity)
    assert activity.history.count() == before + 2
    assert not activity.history.first().cases.exists()


def test_clearing_from_the_far_side_records_every_activity_it_touched():
    case = Case.objects.get(slug=DORDRECHT)
    linked = list(case.activities.all())
    assert linked, "the seed links activities to the Componistenbuurt case"
    before = {a.pk: a.history.count() for a in linked}

    case.activities.clear()

    for activity in linked:
        assert activity.history.count() == before[activity.pk] + 1
        assert not activity.history.first().cases.filter(case_id=case.pk).exists()


def test_team_leads_set_from_the_user_are_recorded_on_the_team(user_named):
    team = Team.objects.get(number=3)
    before = team.history.count()
    user_named(roles.team_lead(1)).led_teams.add(team)
    record = team.history.first()
    assert team.history.count() == before + 1
    assert set(record.leads.values_list("user__username", flat=True)) == {"trekker1", "trekker3"}


def test_save_with_history_writes_one_record_with_the_new_links(user_named):
    activity = Activity.objects.filter(cases__isnull=True).first()
    cases = list(Case.objects.filter(lead_team__number=5)[:2])
    before = activity.history.count()

    activity.title = "Samen opgeslagen"
    save_with_history(activity, by=user_named(roles.team_lead(5)), links={"cases": cases})

    assert activity.history.count() == before + 1
    record = activity.history.first()
    assert record.title == "Samen opgeslagen"
    assert record.history_user.username == "trekker5"
    assert set(record.cases.values_list("case_id", flat=True)) == {c.pk for c in cases}
