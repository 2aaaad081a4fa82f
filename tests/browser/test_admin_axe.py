"""The admin as the functional admin sees it, light and dark: axe-core finds no serious or
critical WCAG 2.1 A/AA violation on the user form (two filter widgets), an activity's
form and the lists with their breadcrumbs."""

from django.urls import reverse

from accounts.models import User
from activities.models import Activity
from tests import roles
from tests.browser.axe import describe, needs_axe, run_axe

pytestmark = needs_axe


def test_the_admin_pages_pass_axe(seed_again_after_the_flush, live_server, browser, log_in):
    """One test for both colour schemes: the live server's flush empties the seed after it."""
    from selenium.webdriver.common.by import By

    log_in(roles.FUNCTIONAL_ADMIN)
    user = User.objects.get(username=roles.Subject(team=1, case=roles.DORDRECHT).team_lead)
    activity = Activity.objects.filter(team__number=1).order_by("order")[0]
    pages = [
        reverse("admin:accounts_user_change", args=[user.pk]),
        reverse("admin:activities_activity_change", args=[activity.pk]),
        reverse("admin:accounts_user_changelist"),
    ]
    found = {}
    for scheme in ("light", "dark"):
        browser.execute_cdp_cmd(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
        )
        for url in pages:
            browser.get(live_server.url + url)
            found[scheme, url] = describe(run_axe(browser))
    assert found == dict.fromkeys(found, "")

    # The user form's filter widgets: their search icons keep the name of the filter box.
    browser.get(live_server.url + pages[0])
    icons = browser.find_elements(By.CSS_SELECTOR, "span.search-label-icon")
    assert icons
    assert {icon.get_attribute("role") for icon in icons} == {"img"}
    assert all(icon.get_attribute("aria-label") for icon in icons)
