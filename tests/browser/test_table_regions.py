"""A wide table on a phone scrolls inside its own labelled region, which the keyboard
reaches, with its first column fixed and its amounts whole. (A module of its own: a
browser test empties the database when it ends, and the seed comes back per module.)"""

from django.urls import reverse

from tests import roles

# The left edge of the region and of the first cell of each of its rows.
_LEFT_EDGES = """
const region = arguments[0];
return {
  region: region.getBoundingClientRect().left,
  cells: Array.from(region.querySelectorAll("tr > :first-child"))
    .map((cell) => cell.getBoundingClientRect().left),
};
"""
# The amounts in the region whose text is wider than their cell.
_CUT_AMOUNTS = """
return Array.from(arguments[0].querySelectorAll(".num"))
  .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
  .map((cell) => cell.textContent.trim());
"""


def test_a_wide_table_scrolls_in_its_region_with_its_first_column_fixed(
    seed_again_after_the_flush, live_server, browser, log_in
):
    """On a phone, budget control's first table scrolls inside its own region: scrolled
    to its end, each row's name is still at the region's left edge and every amount is
    whole."""
    from selenium.webdriver.common.by import By

    log_in(roles.CORE_TEAM)
    browser.set_window_size(390, 900)
    browser.get(live_server.url + reverse("spending-budget"))
    region = browser.find_element(By.CSS_SELECTOR, "main .table-scroll[role=region]")
    assert region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-label").startswith("Begrotingsregels")
    room = browser.execute_script(
        "return arguments[0].scrollWidth - arguments[0].clientWidth", region
    )
    assert room > 0, "the table is narrow enough not to scroll: nothing is proven"

    browser.execute_script("arguments[0].scrollLeft = arguments[0].scrollWidth", region)

    left = browser.execute_script(_LEFT_EDGES, region)
    assert left["cells"] and all(abs(x - left["region"]) <= 1 for x in left["cells"]), left
    cut = browser.execute_script(_CUT_AMOUNTS, region)
    assert cut == [], f"amounts cut off: {cut}"
