"""Headless Chromium for the browser tests (Debian's ``chromium`` and ``chromium-driver``,
driven by selenium): every test in this folder is marked ``browser`` and skipped, saying
why, without them."""

import os

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def pytest_collection_modifyitems(items):
    here = os.path.dirname(__file__)
    missing = not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER))
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.browser)
            if missing:
                item.add_marker(
                    pytest.mark.skip(reason="needs Debian's chromium and chromium-driver")
                )


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
        # No smooth scrolling: a click lands where the element is, not where it was.
        "--force-prefers-reduced-motion",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(
        service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=options
    )
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


@pytest.fixture
def log_in(browser, live_server):
    """Log the browser in as ``username`` on the live server."""

    def login(username: str, password: str | None = None) -> None:
        _log_in(browser, live_server.url, username, password or settings.DEMO_PASSWORD)

    return login


def _log_in(driver, base_url: str, username: str, password: str) -> None:
    from django.urls import reverse
    from selenium.webdriver.common.by import By

    driver.get(base_url + reverse("login"))
    driver.find_element(By.ID, "id_username").send_keys(username)
    driver.find_element(By.ID, "id_password").send_keys(password)
    driver.find_element(By.ID, "id_password").submit()
    driver.find_element(By.CSS_SELECTOR, ".site-header .user-name")  # logged in
