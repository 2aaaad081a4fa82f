"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on the login page and on
the calendar page, and the calendar page's long addresses do not scroll sideways on a
phone."""

from django.urls import reverse

from tests.browser.axe import describe, needs_axe, run_axe

pytestmark = needs_axe


def test_the_login_and_calendar_pages_pass_axe(
    seed_again_after_the_flush, live_server, browser, log_in
):
    from selenium.webdriver.common.by import By

    browser.get(live_server.url + reverse("login"))
    violations = run_axe(browser)
    assert violations == [], describe(violations)

    log_in("casus-dordrecht")
    browser.get(live_server.url + reverse("calendar-feeds"))
    browser.find_element(By.CSS_SELECTOR, "form[action$='/calendar/renew/'] button").click()
    address = browser.find_element(By.CSS_SELECTOR, "code.feed-address")
    assert address.text.endswith(".ics")
    violations = run_axe(browser)
    assert violations == [], describe(violations)

    browser.set_window_size(390, 844)
    browser.get(live_server.url + reverse("calendar-feeds"))
    width = browser.execute_script("return document.documentElement.scrollWidth")
    viewport = browser.execute_script("return document.documentElement.clientWidth")
    assert width <= viewport, "the calendar page scrolls sideways at 390 px"
