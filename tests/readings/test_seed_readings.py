"""The seed records every place where the portal read more into the plan than the plan
says: on the right object and field, with the plan's words, verbatim; loading the seed
again changes nothing."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from activities.models import Activity
from budgets.models import Decision
from cases.models import Case
from citydeal.models import Reading
from citydeal.plan_readings import OT5_CASE_TABLE, PLAN_READINGS, plan_readings_record
from citydeal.seed import seed_load
from events.models import Event

pytestmark = pytest.mark.django_db

DOCUMENT = Path(settings.BASE_DIR).parent / "shared" / "seed" / "000_0db2ec5cf837aad2.txt"


def _squeezed(text: str) -> str:
    """The text with every run of white space as one space (the document breaks table
    cells over lines)."""
    return re.sub(r"\s+", " ", text).strip()


def readings_of(obj) -> dict[str, Reading]:
    return {
        reading.field: reading
        for reading in Reading.objects.filter(
            content_type__app_label=obj._meta.app_label,
            content_type__model=obj._meta.model_name,
            object_id=obj.pk,
        )
    }


def test_every_reading_of_the_table_is_in_the_seed_once():
    assert Reading.objects.count() == len(PLAN_READINGS)
    for row in PLAN_READINGS:
        app_label, model = row.model.split(".")
        assert (
            Reading.objects.filter(
                content_type__app_label=app_label,
                content_type__model=model,
                field=row.field,
                plan_words=row.plan_words,
            ).count()
            >= 1
        ), row


def test_the_ot5_case_cost_columns_are_marked_as_read_as_2021_and_2022():
    for slug in OT5_CASE_TABLE:
        case = Case.objects.get(slug=slug)
        reading = readings_of(case)["costs"]
        assert reading.plan_words == "Kosten voor CDOR | Kosten voor CDOR"
        assert "2021" in reading.reading and "2022" in reading.reading
        assert sorted(case.costs.values_list("year", flat=True)) == [2021, 2022]
    # The case made from a planning row has no costs, so no reading of them.
    wallen = Case.objects.get(slug="integraal-gebiedsplan-wallengebied")
    assert "costs" not in readings_of(wallen)
    assert "rij 4" in readings_of(wallen)[""].reading


def test_the_towns_added_to_case_9_are_marked_with_the_case_tables_words():
    case = Case.objects.get(slug="onvoorzien-overige-cdor-casussen")
    reading = readings_of(case)["other_municipalities"]
    assert reading.plan_words == (
        "diverse casussen, w.o. Groningen, Den Haag, Purmerend, Beemster en Leiden"
    )
    towns = set(case.other_municipalities.values_list("name", flat=True))
    added = towns - {"Groningen", "Den Haag", "Purmerend", "Beemster", "Leiden"}
    assert added == {"Apeldoorn", "Tilburg"}
    assert all(town in reading.reading for town in added)


def test_the_goal_case_link_is_marked_on_both_sides():
    activity = Activity.objects.get(team__number=1, order=5)
    assert activity.goal.letter == "B"
    assert list(activity.cases.values_list("slug", flat=True)) == [
        "ontwerpen-met-algoritme-ondergronds"
    ]
    assert "casus 10" in readings_of(activity)["cases"].reading
    case = Case.objects.get(slug="ontwerpen-met-algoritme-ondergronds")
    assert 1 in set(case.teams.values_list("number", flat=True))
    assert "OT1" in readings_of(case)["teams"].reading


def test_the_year_of_14_october_is_marked_on_the_event_and_both_decisions():
    event = Event.objects.get(slug="kernteam-2021-10-14")
    assert event.date.isoformat() == "2021-10-14"
    assert readings_of(event)["date"].plan_words.startswith(
        "Het kernteam van de City Deal gaf op 14 oktober groen licht"
    )
    for decision in Decision.objects.filter(date="2021-10-14"):
        assert "2021" in readings_of(decision)["date"].reading


def test_the_plans_words_are_the_documents_own():
    """Every reading quotes the plan verbatim (the case-cost reading quotes two column
    heads, each of which is in the document)."""
    if not DOCUMENT.exists():
        pytest.skip(f"the source document is not at {DOCUMENT}")
    document = _squeezed(DOCUMENT.read_text(encoding="utf-8"))
    for row in PLAN_READINGS:
        for part in row.plan_words.split(" | "):
            assert _squeezed(part) in document, row


def test_loading_the_seed_again_changes_nothing():
    before = list(Reading.objects.order_by("pk").values())
    assert seed_load() is False
    assert plan_readings_record() == []
    assert list(Reading.objects.order_by("pk").values()) == before


def test_a_reworded_reading_stays_when_the_readings_are_recorded_again():
    reading = Reading.objects.get(field="contact", plan_words="Marco Hoogvliet (Deltares)")
    Reading.objects.filter(pk=reading.pk).update(reading="Herschreven.")
    plan_readings_record()
    reading.refresh_from_db()
    assert reading.reading == "Herschreven."


def test_a_row_that_is_deleted_takes_its_readings_with_it():
    """A planning import may remove an activity: its readings must not linger, pointing
    at nothing."""
    activity = Activity.objects.get(team__number=5, order=9)
    assert readings_of(activity)
    others = Reading.objects.count() - len(readings_of(activity))

    activity.delete()

    assert Reading.objects.count() == others


def test_the_command_records_them_on_a_programme_loaded_before_they_existed():
    Reading.objects.all().delete()
    Activity.objects.get(team__number=5, order=9).delete()
    out = StringIO()

    call_command("record_plan_readings", stdout=out)

    assert Reading.objects.count() == len(PLAN_READINGS) - 1
    assert "Skipped: activities.activity cdor/5/9" in out.getvalue()
    assert "1 skipped" in out.getvalue()
    before = list(Reading.objects.order_by("pk").values())
    call_command("record_plan_readings", stdout=StringIO())
    assert list(Reading.objects.order_by("pk").values()) == before


def test_the_seed_keeps_nothing_when_a_reading_names_a_row_that_is_not_there():
    Reading.objects.all().delete()
    Case.objects.filter(slug="integraal-gebiedsplan-wallengebied").update(slug="elders")

    with pytest.raises(Case.DoesNotExist):
        plan_readings_record()

    assert Reading.objects.count() == 0
