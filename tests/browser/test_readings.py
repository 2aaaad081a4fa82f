"""The mark of the portal's reading opens with the keyboard, without script, and shows
the plan's words; it passes axe-core and, open or closed, makes no page wider on a
phone."""

from django.urls import reverse

from tests.browser.axe import describe, needs_axe, run_axe

pytestmark = needs_axe

CASE_9 = "onvoorzien-overige-cdor-casussen"
WIDTH = "return document.documentElement.scrollWidth"
TOWNS = "diverse casussen, w.o. Groningen, Den Haag, Purmerend, Beemster en Leiden"


def test_a_reading_opens_with_the_keyboard_and_fits_a_phone(
    seed_again_after_the_flush, live_server, browser, log_in
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    log_in("directeur")
    browser.set_window_size(390, 844)
    browser.get(live_server.url + reverse("case-detail", args=[CASE_9]))
    details = browser.find_elements(By.CSS_SELECTOR, "details.reading")[0]
    summary = details.find_element(By.TAG_NAME, "summary")
    assert not details.find_element(By.TAG_NAME, "q").is_displayed()

    summary.send_keys(Keys.ENTER)

    words = details.find_element(By.TAG_NAME, "q")
    assert details.get_attribute("open") is not None
    assert words.is_displayed() and words.text == TOWNS
    violations = run_axe(browser)
    assert violations == [], describe(violations)
    for details in browser.find_elements(By.CSS_SELECTOR, "details.reading"):
        browser.execute_script("arguments[0].open = true", details)
    width_open = browser.execute_script(WIDTH)
    browser.execute_script(
        "document.querySelectorAll('details.reading').forEach((e) => e.remove())"
    )
    assert width_open <= browser.execute_script(WIDTH), "a reading widens the page at 390 px"

    browser.get(live_server.url + reverse("case-list"))
    violations = run_axe(browser)
    assert violations == [], describe(violations)
    for details in browser.find_elements(By.CSS_SELECTOR, "details.reading"):
        browser.execute_script("arguments[0].open = true", details)
    width_open = browser.execute_script(WIDTH)
    browser.execute_script(
        "document.querySelectorAll('details.reading').forEach((e) => e.remove())"
    )
    assert width_open <= browser.execute_script(WIDTH), "a reading widens the list at 390 px"
