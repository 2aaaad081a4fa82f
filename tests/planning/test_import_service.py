"""Importing a team's planning from a spreadsheet (``activities.services.planning_import``):
an unchanged export changes nothing; a change, an addition and a removal are applied at
once with their history, or nothing is when anything is wrong."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from openpyxl import load_workbook

from accounts.models import User
from activities import excel
from activities.excel_import import FileRefused
from activities.models import Activity, ActivityStatus, PlanningKind
from activities.selectors import planning_teams
from activities.services import activity_delete, planning_import
from cases.models import Case
from teams.models import Programme, Team
from tests import factories, roles

pytestmark = pytest.mark.django_db


def team_of(number: int) -> Team:
    return Team.objects.get(programme__slug="cdor", number=number)


def export(number: int = 1, *, language: str = "nl") -> bytes:
    """The team's planning as the page's download makes it, in ``language``."""
    programme = Programme.objects.get(slug="cdor")
    [team] = planning_teams(programme=programme, team=team_of(number))
    with translation.override(language):
        return excel.team_planning_xlsx(team)


def edited(content: bytes, edit) -> bytes:
    book = load_workbook(BytesIO(content))
    edit(book.active)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def snapshot(team: Team) -> list[tuple]:
    """Everything an import can change of the team's activities, and their history."""
    rows = []
    for activity in Activity.objects.filter(team=team).prefetch_related("cases").order_by("order"):
        rows.append(
            (
                activity.pk,
                activity.order,
                activity.title,
                activity.goal_id,
                activity.planning_label,
                activity.planning_kind,
                activity.start_month,
                activity.end_month,
                activity.estimate_text,
                activity.estimate_min,
                activity.estimate_max,
                activity.estimate_doubtful,
                activity.status,
                activity.responsible,
                activity.explanation,
                activity.result,
                activity.note,
                tuple(sorted(case.pk for case in activity.cases.all())),
            )
        )
    return rows


def history_count() -> int:
    return Activity.history.count()


def lead(number: int = 1) -> User:
    return User.objects.get(username=roles.team_lead(number))


@pytest.mark.parametrize("number", range(1, 7))
def test_an_unchanged_export_plans_nothing_and_applies_nothing(number):
    team, content = team_of(number), export(number)
    before, records = snapshot(team), history_count()

    plan = planning_import(team=team, by=lead(number), content=content, dry_run=True)
    assert (plan.added, plan.changed, plan.removed, plan.errors) == ([], [], [], [])

    plan = planning_import(team=team, by=lead(number), content=content, dry_run=False)
    assert plan.errors == [] and plan.empty and not plan.applied
    assert snapshot(team) == before
    assert history_count() == records


def test_an_english_export_imports_in_a_dutch_session():
    team = team_of(3)
    content = export(3, language="en")

    def edit(sheet):
        assert sheet["N1"].value == "Status"
        assert sheet["G1"].value == "Kind of planning"
        sheet["N2"] = "Done"  # the English label of a status

    with translation.override("nl"):
        plan = planning_import(team=team, by=lead(3), content=edited(content, edit), dry_run=True)
    assert plan.errors == []
    [change] = plan.changed
    assert [(c.field, c.new) for c in change.changes] == [("status", ActivityStatus.DONE)]


def test_a_change_an_addition_and_a_removal_are_applied_with_history():
    team, user = team_of(1), lead(1)
    first, second, *_rest = Activity.objects.filter(team=team).order_by("order")
    last = Activity.objects.filter(team=team).order_by("order").last()
    records = history_count()
    goal = team.goals.get(letter="B")
    case = Case.objects.filter(programme=team.programme).order_by("title").first()

    def edit(sheet):
        sheet["D2"] = "Nieuwe titel"
        sheet["E2"] = "B"  # the goal by its letter
        sheet["P2"] = case.title
        # The last row becomes a new activity; the second is removed.
        row = sheet.max_row
        sheet[f"B{row}"] = None
        sheet[f"D{row}"] = "Extra activiteit"
        sheet.delete_rows(3)

    content = edited(export(1), edit)
    plan = planning_import(team=team, by=user, content=content, dry_run=True)
    assert plan.errors == []
    assert [(c.activity.pk, [f.field for f in c.changes]) for c in plan.changed] == [
        (first.pk, ["title", "goal", "cases"])
    ]
    assert [a.data.title for a in plan.added] == ["Extra activiteit"]
    assert sorted(a.pk for a in plan.removed) == sorted([second.pk, last.pk])

    plan = planning_import(
        team=team, by=user, content=content, dry_run=False, expected=plan.fingerprint
    )
    assert plan.applied
    first.refresh_from_db()
    assert (first.title, first.goal, list(first.cases.all())) == ("Nieuwe titel", goal, [case])
    assert not Activity.objects.filter(pk__in=[second.pk, last.pk]).exists()
    added = Activity.objects.get(team=team, title="Extra activiteit")
    assert added.order == max(a.order for a in Activity.objects.filter(team=team))
    # One record per changed, added and removed activity, each by the importer.
    new = Activity.history.order_by("-history_id")[: history_count() - records]
    assert history_count() - records == 4
    assert {record.history_user_id for record in new} == {user.pk}
    assert sorted(record.history_type for record in new) == ["+", "-", "-", "~"]


def test_a_new_planning_text_fills_the_fields_it_says():
    team = team_of(1)
    first = Activity.objects.filter(team=team).order_by("order").first()

    def edit(sheet):
        sheet["F2"] = "Q1 2022"
        sheet["J2"] = "ca. 50-60k"

    plan = planning_import(team=team, by=lead(1), content=edited(export(1), edit), dry_run=False)
    assert plan.applied
    first.refresh_from_db()
    assert (first.planning_kind, first.start_month, first.end_month) == (
        PlanningKind.PERIOD,
        datetime.date(2022, 1, 1),
        datetime.date(2022, 3, 1),
    )
    assert (first.estimate_min, first.estimate_max) == (Decimal("50000"), Decimal("60000"))


def test_fields_changed_with_their_text_are_kept_as_in_the_sheet():
    team = team_of(1)
    first = Activity.objects.filter(team=team).order_by("order").first()

    def edit(sheet):
        sheet["F2"] = "Q1 2022"
        sheet["G2"] = "Doorlopend"  # the kind typed by hand wins over the text
        sheet["H2"] = datetime.datetime(2022, 2, 1)
        sheet["I2"] = None

    plan = planning_import(team=team, by=lead(1), content=edited(export(1), edit), dry_run=False)
    assert plan.applied
    first.refresh_from_db()
    assert (first.planning_label, first.planning_kind, first.start_month, first.end_month) == (
        "Q1 2022",
        PlanningKind.ONGOING,
        datetime.date(2022, 2, 1),
        None,
    )


def test_one_bad_row_applies_nothing():
    team = team_of(2)
    before, records = snapshot(team), history_count()

    def edit(sheet):
        sheet["D2"] = "Gewijzigd"  # a good change
        sheet.append(["OT2", None, None, "Nieuw"])  # a good addition
        sheet["K3"] = "veel"  # one bad cell

    plan = planning_import(team=team, by=lead(2), content=edited(export(2), edit), dry_run=False)
    assert not plan.applied
    assert [(e.row, e.column) for e in plan.errors] == [(3, "Ondergrens raming (EUR)")]
    assert snapshot(team) == before and history_count() == records


@pytest.mark.parametrize(
    ("cell", "value", "column"),
    [
        ("E2", "Z. Onbekend doel", "Doelstelling / werkgroep"),
        ("P2", "Een casus die niet bestaat", "Casussen"),
        ("D2", "x" * 251, "Titel"),
        ("F2", "Regel een\nregel twee", "Planning (zoals in het plan)"),
    ],
    ids=["goal", "case", "title-too-long", "two-lines"],
)
def test_a_value_the_activity_cannot_have_is_an_error_in_its_cell(cell, value, column):
    team = team_of(1)
    before = snapshot(team)
    content = edited(export(1), lambda sheet: sheet.__setitem__(cell, value))
    plan = planning_import(team=team, by=lead(1), content=content, dry_run=False)
    assert [(e.row, e.column) for e in plan.errors] == [(2, column)]
    assert not plan.applied and snapshot(team) == before


def test_an_activity_that_spending_refers_to_is_not_removed():
    team = team_of(1)
    first = Activity.objects.filter(team=team).order_by("order").first()
    factories.WorkshopSlotFactory(team=team, activity=first)
    before = snapshot(team)

    plan = planning_import(
        team=team, by=lead(1), content=edited(export(1), lambda s: s.delete_rows(2)), dry_run=False
    )
    assert not plan.applied
    [error] = plan.errors
    assert error.row is None and error.column == "ID"
    assert first.title in error.message and "„Vervallen”" in error.message
    assert snapshot(team) == before


def test_the_planning_changed_since_the_preview_applies_nothing():
    team = team_of(1)
    first = Activity.objects.filter(team=team).order_by("order").first()
    content = edited(export(1), lambda sheet: sheet.__setitem__("D2", "Uit de sheet"))
    shown = planning_import(team=team, by=lead(1), content=content, dry_run=True)
    Activity.objects.filter(pk=first.pk).update(responsible="Iemand anders")
    before = snapshot(team)

    plan = planning_import(
        team=team, by=lead(1), content=content, dry_run=False, expected=shown.fingerprint
    )
    assert plan.stale and not plan.applied
    assert plan.fingerprint != shown.fingerprint
    assert snapshot(team) == before


def test_the_core_team_imports_and_others_are_refused():
    team = team_of(1)
    content = edited(export(1), lambda sheet: sheet.__setitem__("D2", "Door het kernteam"))
    for username in (roles.team_lead(2), roles.DIRECTOR, roles.CASE_OWNERS[roles.DORDRECHT]):
        with pytest.raises(PermissionDenied):
            planning_import(
                team=team, by=User.objects.get(username=username), content=content, dry_run=True
            )
    core = User.objects.get(username=roles.CORE_TEAM)
    assert planning_import(team=team, by=core, content=content, dry_run=False).applied


def test_a_refused_file_raises_and_changes_nothing():
    team = team_of(1)
    with pytest.raises(FileRefused):
        planning_import(team=team, by=lead(1), content=b"Titel;Planning\n", dry_run=False)


def test_activity_delete_keeps_a_history_record_and_refuses_what_is_referred_to():
    team = team_of(4)
    first, second = Activity.objects.filter(team=team).order_by("order")[:2]
    factories.WorkshopSlotFactory(team=team, activity=second)
    with pytest.raises(PermissionDenied):
        activity_delete(activity=first, by=lead(1))
    activity_delete(activity=first, by=lead(4))
    assert not Activity.objects.filter(pk=first.pk).exists()
    assert Activity.history.filter(id=first.pk, history_type="-").get().history_user == lead(4)
    with pytest.raises(ValidationError, match="„Vervallen”"):
        activity_delete(activity=second, by=User.objects.get(username=roles.CORE_TEAM))
    assert Activity.objects.filter(pk=second.pk).exists()
