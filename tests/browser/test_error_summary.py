"""Once in a real browser: after a failed save the focus is on the error summary and the
field's message shows beside the field (static/js/portal.js under the portal's CSP)."""

from django.urls import reverse


def test_a_failed_spending_save_moves_the_focus_to_the_summary(
    seed_again_after_the_flush, live_server, browser, log_in
):
    from selenium.webdriver.common.by import By

    log_in("trekker1")

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
