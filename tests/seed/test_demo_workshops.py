"""seed_demo publishes a few demo workshops per team, dated from today, through the
services and by each team's demo lead; running it again changes nothing."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from citydeal.seed import DEMO_WORKSHOP_MARK, demo_workshops_create
from tests.factories import WorkshopSlotFactory
from workshops.constants import BookingState
from workshops.models import Booking, WorkshopSlot

# The request's mail links to the booking's page.
pytestmark = pytest.mark.django_db


def seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    return out.getvalue()


def demo_slots():
    return WorkshopSlot.objects.filter(description__startswith=DEMO_WORKSHOP_MARK)


def test_every_team_gets_two_or_three_upcoming_workshops_by_its_own_lead():
    out = seed_demo()

    slots = list(demo_slots().select_related("team", "created_by"))
    assert "Demo workshops published" in out
    per_team = {}
    for slot in slots:
        per_team.setdefault(slot.team.number, []).append(slot)
        assert slot.created_by.username == f"trekker{slot.team.number}"
    assert sorted(per_team) == [1, 2, 3, 4, 5, 6]
    assert all(2 <= len(team_slots) <= 3 for team_slots in per_team.values())


def test_they_lie_one_to_eight_weeks_ahead_on_weekdays_in_office_hours():
    seed_demo()

    today = timezone.localdate()
    for slot in demo_slots():
        start, end = timezone.localtime(slot.start), timezone.localtime(slot.end)
        assert (
            today + datetime.timedelta(days=1)
            <= start.date()
            <= today + datetime.timedelta(weeks=8, days=6)
        )
        assert start.weekday() < 5
        assert datetime.time(9) <= start.time() and end.time() <= datetime.time(17)
        assert slot.description.startswith("Voorbeeldworkshop (demo). ")


def test_ot5_stays_free_and_zoetermeer_asks_a_place_elsewhere():
    seed_demo()

    bookings = list(Booking.objects.filter(slot__in=demo_slots()).select_related("slot__team"))
    assert [(b.slot.team.number, b.case.slug, b.state) for b in bookings] == [
        (4, "datagedreven-assetmanagement-zoetermeer", BookingState.REQUESTED)
    ]
    assert bookings[0].requested_by.username == "casus-zoetermeer"


def test_running_it_again_changes_nothing_and_keeps_edits():
    seed_demo()
    edited = demo_slots().order_by("pk").first()
    WorkshopSlot.objects.filter(pk=edited.pk).update(title="Aangepast door de trekker")
    before = list(WorkshopSlot.objects.order_by("pk").values_list("pk", "title", "start"))

    out = seed_demo()

    assert list(WorkshopSlot.objects.order_by("pk").values_list("pk", "title", "start")) == before
    assert Booking.objects.count() == 1
    assert "no demo workshop was added" in out


def test_a_team_with_a_workshop_to_come_gets_none():
    from teams.models import Team

    ot2 = Team.objects.get(programme__slug="cdor", number=2)
    WorkshopSlotFactory(team=ot2, days=20)

    created = demo_workshops_create()

    assert 2 not in {slot.team.number for slot in created}
    assert {slot.team.number for slot in created} == {1, 3, 4, 5, 6}


def test_a_team_whose_workshops_are_all_over_gets_new_ones():
    """A workshop that is over does not count: the agenda would be empty."""
    from teams.models import Team

    ot3 = Team.objects.get(programme__slug="cdor", number=3)
    WorkshopSlotFactory(team=ot3, days=-10)

    created = demo_workshops_create(today=timezone.localdate())

    assert 3 in {slot.team.number for slot in created}
