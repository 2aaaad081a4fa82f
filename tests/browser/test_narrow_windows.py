"""The portal's widest pages fit a phone (390 px) and an ordinary laptop (1,366 px)
without scrolling sideways: a wide table scrolls inside its own labelled region
(test_table_regions.py shows its first column fixed and its amounts whole). axe-core
finds no serious or critical WCAG 2.1 A/AA violation on any of them at either width."""

from django.urls import reverse

from tests import roles
from tests.browser.axe import describe, needs_axe, run_axe

pytestmark = needs_axe

WIDTHS = (390, 1366)
# The elements that stick out past the right edge of the window, the widest first: what
# an assertion's message names so that the culprit is found without a screenshot.
_TOO_WIDE = """
const limit = document.documentElement.clientWidth;
return Array.from(document.querySelectorAll("body *"))
  .filter((e) => e.getBoundingClientRect().right > limit + 1)
  .filter((e) => !e.closest(".table-scroll"))
  .sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)
  .slice(0, 5)
  .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${e.getBoundingClientRect().right}px`);
"""


def _pages():
    """Each page with a role that may see it."""
    return [
        ("overview", roles.CORE_TEAM, reverse("overview")),
        ("partners", roles.CORE_TEAM, reverse("partner-list")),
        ("budget control", roles.CORE_TEAM, reverse("spending-budget")),
        ("case", roles.case_owner(roles.DORDRECHT), reverse("case-detail", args=[roles.DORDRECHT])),
        ("team", roles.team_lead(5), reverse("team-detail", args=[5])),
        ("dashboard", roles.DIRECTOR, reverse("dashboard")),
    ]


def test_the_widest_pages_fit_a_phone_and_a_laptop_and_pass_axe(
    seed_again_after_the_flush, live_server, browser, log_in
):
    problems: list[str] = []
    for name, username, path in _pages():
        browser.delete_all_cookies()
        log_in(username)
        for width in WIDTHS:
            browser.set_window_size(width, 900)
            browser.get(live_server.url + path)
            scroll_width = browser.execute_script("return document.documentElement.scrollWidth")
            if scroll_width > width:
                problems.append(
                    f"the {name} page is {scroll_width} px wide at {width} px: "
                    f"{browser.execute_script(_TOO_WIDE)}"
                )
            violations = run_axe(browser)
            if violations:
                problems.append(f"{name} at {width} px:\n{describe(violations)}")
    assert problems == [], "\n".join(problems)
