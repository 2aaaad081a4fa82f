"""The directors' journey in a real browser, as the issue describes it: `directeur` logs in
and lands on the dashboard, opens the last snapshot's changes, and downloads the update;
the printable update too. axe-core finds no serious or critical WCAG 2.1 A/AA violation
on any page visited, and the dashboard fits a phone."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from tests import roles
from tests.browser.axe import describe, needs_axe, run_axe
from tests.browser.downloads import allow_downloads, downloaded

pytestmark = needs_axe


def _two_snapshots_and_a_change():
    """The core team's snapshots for two meetings, an activity started between them."""
    from accounts.models import User
    from activities.models import Activity
    from reporting.services import snapshot_create
    from teams.models import Programme

    programme = Programme.objects.get(slug="cdor")
    core_team = User.objects.get(username=roles.CORE_TEAM)
    snapshot_create(programme=programme, by=core_team, title="Update directeurenoverleg januari")
    activity = Activity.objects.filter(team__number=3).order_by("order").first()
    Activity.objects.filter(pk=activity.pk).update(status="in_progress")  # set-up only
    snapshot_create(programme=programme, by=core_team, title="Update directeurenoverleg 24 maart")
    return activity


def test_a_director_reads_the_dashboard_the_changes_and_takes_the_update(
    seed_again_after_the_flush, live_server, browser, log_in, tmp_path
):
    from selenium.webdriver.common.by import By

    activity = _two_snapshots_and_a_change()
    visited: dict[str, list] = {}

    def check(name: str) -> None:
        violations = run_axe(browser)
        if violations:
            visited[name] = violations

    log_in(roles.DIRECTOR)
    assert browser.current_url == live_server.url + reverse("dashboard")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "€ 360.000 – € 560.000 boven de ruimte" in main
    check("dashboard")

    # The last snapshot's changes: the activity that started between the two meetings.
    browser.find_element(By.LINK_TEXT, "Momentopnamen van de update").click()
    check("snapshots")
    browser.find_element(By.LINK_TEXT, "Update directeurenoverleg 24 maart").click()
    changes = browser.find_element(By.TAG_NAME, "main").text
    assert "Statuswijzigingen" in changes and activity.title in changes
    check("changes of the last snapshot")

    # The dashboard as the last snapshot froze it.
    browser.get(live_server.url + reverse("dashboard"))
    browser.find_element(By.ID, "id_snapshot").send_keys("Update directeurenoverleg 24 maart")
    browser.find_element(By.ID, "id_snapshot").submit()
    assert "U bekijkt de momentopname" in browser.find_element(By.TAG_NAME, "main").text
    check("dashboard of a snapshot")

    # The update as a workbook, and on paper.
    allow_downloads(browser, tmp_path)
    browser.get(live_server.url + reverse("dashboard"))
    browser.find_element(By.LINK_TEXT, "Download de update (Excel)").click()
    book = load_workbook(BytesIO(downloaded(tmp_path).read_bytes()))
    assert book.sheetnames[0] == "Overzicht" and "Wijzigingen" in book.sheetnames
    browser.find_element(By.PARTIAL_LINK_TEXT, "af te drukken of als pdf").click()
    assert "Update voor de directeuren" in browser.find_element(By.TAG_NAME, "h1").text
    check("printable update")

    # The dashboard on a phone: nothing scrolls sideways.
    browser.get(live_server.url + reverse("dashboard"))
    browser.set_window_size(390, 2000)
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390, f"the dashboard is {width} px wide at 390 px"
    check("dashboard at 390 px")

    assert not visited, describe([v for found in visited.values() for v in found])
