"""The planning journey in a real browser, as the issue describes it: OT1's team lead types
a new period for an activity the way the plan writes it, sees what the portal read, saves,
sees the bar move on the programme timeline, downloads the team's planning and imports it
again unchanged. axe-core finds no serious or critical WCAG 2.1 A/AA violation on any page
visited."""

import datetime
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from activities.models import Activity
from tests import roles
from tests.browser.axe import describe, needs_axe, run_axe
from tests.browser.downloads import allow_downloads, downloaded

pytestmark = needs_axe


def _bar_x(browser, activity: Activity) -> float:
    from selenium.webdriver.common.by import By

    href = reverse("activity-detail", args=[activity.pk])
    bar = browser.find_element(By.CSS_SELECTOR, f"svg a[href='{href}'] rect")
    return float(bar.get_attribute("x"))


def test_a_team_lead_retypes_a_period_and_the_timeline_follows(
    seed_again_after_the_flush, live_server, browser, log_in, tmp_path
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.expected_conditions import staleness_of
    from selenium.webdriver.support.ui import WebDriverWait

    activity = Activity.objects.filter(team__number=1, planning_kind="period").order_by("order")[0]
    visited: dict[str, list] = {}

    def check(name: str) -> None:
        violations = run_axe(browser)
        if violations:
            visited[name] = violations

    log_in(roles.team_lead(1))
    browser.get(live_server.url + reverse("planning"))
    check("timeline")
    before = _bar_x(browser, activity)

    # The team lead types the new period as the plan would write it, and checks it.
    browser.get(live_server.url + reverse("activity-edit", args=[activity.pk]))
    check("activity form")
    label = browser.find_element(By.ID, "id_planning_label")
    label.clear()
    label.send_keys("Q2 2023")
    check_button = browser.find_element(By.CSS_SELECTOR, "button[name='preview']")
    check_button.click()
    WebDriverWait(browser, 20).until(staleness_of(check_button))
    reading = browser.find_element(By.ID, "reading").text
    assert "april 2023 t/m juni 2023" in reading
    assert "Er is nog niets opgeslagen" in reading
    check("activity form, checked")
    activity.refresh_from_db()
    assert activity.planning_label != "Q2 2023"  # checking saves nothing

    # Saving stores what was read.
    save = browser.find_element(By.CSS_SELECTOR, "form button.primary")
    save.click()
    WebDriverWait(browser, 20).until(staleness_of(save))
    activity.refresh_from_db()
    assert activity.planning_label == "Q2 2023"
    assert (activity.start_month, activity.end_month) == (
        datetime.date(2023, 4, 1),
        datetime.date(2023, 6, 1),
    )
    assert "opgeslagen" in browser.find_element(By.TAG_NAME, "main").text

    # The bar has moved to the right on the timeline, and the table beneath says so too.
    browser.get(live_server.url + reverse("planning"))
    assert _bar_x(browser, activity) > before
    row = browser.find_element(
        By.XPATH, f"//table//tr[.//a[@href='{reverse('activity-detail', args=[activity.pk])}']]"
    )
    assert "Q2 2023" in row.text

    # The team's planning downloads as a workbook with the new period in it.
    allow_downloads(browser, tmp_path)
    browser.get(live_server.url + reverse("team-detail", kwargs={"number": 1}))
    check("team page")
    browser.find_element(By.CSS_SELECTOR, "a[href$='/planning.xlsx']").click()
    workbook = load_workbook(BytesIO(downloaded(tmp_path, timeout=20).read_bytes()))
    rows = {row[1]: row for row in workbook.active.iter_rows(min_row=2, values_only=True)}
    exported = rows[activity.pk]
    assert "Q2 2023" in exported
    assert datetime.datetime(2023, 4, 1) in exported

    # ... and imports it again unchanged: the preview says there is nothing to change,
    # and nothing changes.
    history_before = Activity.history.count()
    saved = downloaded(tmp_path, timeout=20)
    browser.get(live_server.url + reverse("team-detail", kwargs={"number": 1}))
    browser.find_element(By.CSS_SELECTOR, "a[href$='/planning/import/']").click()
    check("import form")
    browser.find_element(By.CSS_SELECTOR, "input[type='file']").send_keys(str(saved))
    upload = browser.find_element(By.CSS_SELECTOR, "form button.primary")
    upload.click()
    WebDriverWait(browser, 20).until(staleness_of(upload))
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Toegevoegd: 0. Gewijzigd: 0. Verwijderd: 0." in main
    assert "Het bestand is gelijk aan de planning: er is niets te wijzigen." in main
    check("import preview")
    apply = browser.find_elements(By.CSS_SELECTOR, "button[name='apply']")
    if apply:
        apply[0].click()
        WebDriverWait(browser, 20).until(staleness_of(apply[0]))
        assert "0 toegevoegd, 0 gewijzigd, 0 verwijderd" in browser.page_source
    assert Activity.history.count() == history_before
    activity.refresh_from_db()
    assert activity.planning_label == "Q2 2023"

    assert not visited, describe([v for found in visited.values() for v in found])
