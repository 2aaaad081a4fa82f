"""Once in a real browser: after a failed save the focus is on the error summary and the
field's message shows beside the field (static/js/portal.js under the portal's CSP)."""

import os

import pytest
from django.conf import settings
from django.urls import reverse

from citydeal.seed import demo_accounts_create, seed_load

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)),
        reason="needs Debian's chromium and chromium-driver",
    ),
]


@pytest.fixture(scope="module")
def seed_again_after_the_flush(django_db_blocker):
    """live_server's transactional test empties every table when it ends; put the seed and
    the demo accounts back for the tests that follow on this database (module scope, so it
    runs after the test's own flush)."""
    yield
    with django_db_blocker.unblock():
        seed_load()
        demo_accounts_create()


@pytest.fixture
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,2000",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(
        service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=options
    )
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def test_a_failed_spending_save_moves_the_focus_to_the_summary(
    seed_again_after_the_flush, live_server, browser
):
    from selenium.webdriver.common.by import By

    browser.get(live_server.url + reverse("login"))
    browser.find_element(By.ID, "id_username").send_keys("trekker1")
    browser.find_element(By.ID, "id_password").send_keys(settings.DEMO_PASSWORD)
    browser.find_element(By.ID, "id_password").submit()
    browser.find_element(By.CSS_SELECTOR, ".site-header .user-name")  # logged in

    browser.get(live_server.url + reverse("spending-create"))
    browser.find_element(By.ID, "id_title").send_keys("Inventarisatie")
    browser.find_element(By.ID, "id_amount").send_keys("0")
    browser.find_element(By.ID, "id_amount").submit()

    summary = browser.find_element(By.CSS_SELECTOR, "[data-error-summary]")
    assert browser.execute_script("return document.activeElement") == summary
    assert summary.find_element(By.CSS_SELECTOR, 'a[href="#id_amount"]')
    message = browser.find_element(By.ID, "amount-error")
    assert message.is_displayed()
    assert "€ 0,01" in message.text
    amount = browser.find_element(By.ID, "id_amount")
    assert "amount-error" in amount.get_attribute("aria-describedby").split()
    # beside the field: the message sits in the amount's own block, just above it
    assert message.find_element(By.XPATH, "..") == amount.find_element(By.XPATH, "..")
