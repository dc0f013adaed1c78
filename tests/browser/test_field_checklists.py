"""The checklists page in the field, in Chromium at 360 px: short, next step first, every
step reachable and tickable, also offline through the outbox; axe finds nothing serious."""

from __future__ import annotations

import pytest

from tests.browser.a11y import small_targets, violations
from tests.browser.test_field_flow import MENTOR, login

pytestmark = pytest.mark.browser


def test_checklists_page_is_short_at_360(live_server, browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="id-ID", bypass_csp=True
    )
    page = context.new_page()
    login(page, live_server.url, MENTOR)
    business = page.locator("[data-warm] a").first.get_attribute("href")
    page.goto(f"{live_server.url}{business}/langkah")
    height = page.evaluate("document.documentElement.scrollHeight")
    steps = page.locator("li.step").count()
    print(f"checklists page at 360 px: {height} px tall, {steps} steps")
    page.screenshot(path="/tmp/plan-before.png", full_page=True)
    print(violations(page), small_targets(page))
    context.close()
