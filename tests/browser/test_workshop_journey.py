"""The workshop journey in a real browser, as the issue describes it: the Dordrecht case
owner finds an OT5 workshop in "Wie helpt wanneer" and asks a place with a question; the
OT5 team lead sees it waiting on the team page and confirms it; the case page shows it
confirmed; the case owner's calendar feed holds it. axe-core finds no serious or critical
WCAG 2.1 A/AA violation on any page visited, and the workshop pages fit a phone."""

import datetime

import icalendar
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from tests import roles
from tests.browser.axe import describe, needs_axe, run_axe
from workshops.models import Booking

pytestmark = needs_axe

QUESTION = "Hoe koppelen we de buurtaanpak aan het beheerplan?"


def _ot5_slot():
    from accounts.models import User
    from teams.models import Team
    from workshops import services

    start = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate() + datetime.timedelta(days=12), datetime.time(13, 30)
        )
    )
    return services.slot_create(
        by=User.objects.get(username=roles.team_lead(5)),
        team=Team.objects.get(number=5),
        title="Kostenbewuste inrichting van de openbare ruimte",
        topic="beheer",
        start=start,
        end=start + datetime.timedelta(hours=2),
        location="Stadskantoor Dordrecht",
        capacity=2,
    )


def test_a_case_owner_books_an_ot5_workshop_and_the_team_lead_confirms_it(
    seed_again_after_the_flush, live_server, browser, log_in
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    slot = _ot5_slot()
    visited: dict[str, list] = {}

    def check(name: str) -> None:
        violations = run_axe(browser)
        if violations:
            visited[name] = violations

    # The case owner finds the OT5 workshop in the agenda, filtered on OT5.
    log_in(roles.case_owner(roles.DORDRECHT))
    browser.get(live_server.url + reverse("agenda"))
    check("agenda")
    Select(browser.find_element(By.ID, "id_team")).select_by_value("5")
    browser.find_element(By.ID, "id_team").submit()
    link = browser.find_element(By.LINK_TEXT, slot.title)
    assert "nog 2 plaatsen" in browser.page_source
    check("agenda, OT5")
    browser.get(link.get_attribute("href"))
    check("workshop")

    # ... and asks a place with a question.
    browser.find_element(By.ID, "id_questions").send_keys(QUESTION)
    browser.find_element(By.ID, "id_questions").submit()
    booking = Booking.objects.get(slot=slot)
    assert booking.state == "aangevraagd" and booking.questions == QUESTION
    assert "Aangevraagd" in browser.find_element(By.TAG_NAME, "main").text
    check("booking, requested")

    # The OT5 team lead sees it waiting on the team page and confirms it.
    browser.delete_all_cookies()
    log_in(roles.team_lead(5))
    browser.get(live_server.url + reverse("team-detail", kwargs={"number": 5}))
    waiting = browser.find_element(By.CSS_SELECTOR, "h3#waiting + div table")
    case_title = Case.objects.get(slug=roles.DORDRECHT).title
    assert case_title in waiting.text
    check("team page")
    browser.get(waiting.find_element(By.LINK_TEXT, case_title).get_attribute("href"))
    check("booking, for the team lead")
    browser.find_element(By.CSS_SELECTOR, "form[action$='/confirm/'] button").submit()
    booking.refresh_from_db()
    assert booking.state == "bevestigd"
    assert "Bevestigd" in browser.find_element(By.TAG_NAME, "main").text

    # The case page shows it confirmed, to its owner.
    browser.delete_all_cookies()
    log_in(roles.case_owner(roles.DORDRECHT))
    browser.get(live_server.url + reverse("case-detail", kwargs={"slug": roles.DORDRECHT}))
    row = browser.find_element(
        By.XPATH, f"//section[@aria-labelledby='bookings']//tr[.//a[text()='{slot.title}']]"
    )
    assert "Bevestigd" in row.text
    check("case page")

    # The case owner's calendar feed holds it, at the right time.
    browser.get(live_server.url + reverse("calendar-feeds"))
    browser.find_element(By.CSS_SELECTOR, "form[action$='/calendar/renew/'] button").submit()
    address = browser.find_element(By.CSS_SELECTOR, "code.feed-address").text
    check("calendar page")
    feed = Client().get(address.replace(live_server.url, ""))  # a calendar app: no session
    assert feed.status_code == 200
    calendar = icalendar.Calendar.from_ical(feed.content)
    [event] = [
        e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith(f"booking-{booking.pk}@")
    ]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event.decoded("DTSTART") == slot.start

    # The workshop pages at phone width: no sideways scroll, and axe again. (The case
    # page's older tables, its activities and events, still overflow at 390 px.)
    browser.set_window_size(390, 844)
    for name, url in (
        ("agenda, phone", reverse("agenda")),
        ("workshop, phone", reverse("workshop-slot-detail", kwargs={"pk": slot.pk})),
        ("booking, phone", reverse("booking-detail", kwargs={"pk": booking.pk})),
    ):
        browser.get(live_server.url + url)
        width = browser.execute_script("return document.documentElement.scrollWidth")
        viewport = browser.execute_script("return document.documentElement.clientWidth")
        assert width <= viewport, f"{name} scrolls sideways: {width} > {viewport}"
        check(name)

    assert visited == {}, "\n".join(f"{name}:\n{describe(v)}" for name, v in visited.items())
