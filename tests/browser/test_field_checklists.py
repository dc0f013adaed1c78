"""The checklists page in the field, in Chromium at 360 px: short, the next step first, every
step reachable and tickable (also offline through the outbox), axe finds nothing serious."""

from __future__ import annotations

import pytest

from app.models import StepProgress
from tests.browser.a11y import small_targets, violations
from tests.browser.conftest import OUTPUT, PHONE_VIEWPORT
from tests.browser.test_field_flow import count, login, wait_for_kept_pages

pytestmark = pytest.mark.browser

# Measured with this test on the page before it was folded (34 steps of the demo's first
# business): every checklist's steps open, each with its text, sources and tick form.
HEIGHT_BEFORE_PX = 8545


def open_step(page, step_id: str):
    """Unfold a step's checklist and the step itself, as a thumb would; return the step."""
    step = page.locator(f"li.step[id='{step_id}']")
    checklist = page.locator(f"details.checklist:has(li.step[id='{step_id}'])")
    if checklist.get_attribute("open") is None:
        checklist.locator("> summary").click()
    if step.locator("> details").get_attribute("open") is None:
        step.locator("> details > summary").click()
    return step


def test_checklists_page_is_short_with_the_next_step_first(live_server, browser):
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID", bypass_csp=True)
    page = context.new_page()
    login(page, live_server.url)
    business = page.locator("[data-warm] a").first.get_attribute("href")
    page.goto(f"{live_server.url}{business}/langkah")
    height = page.evaluate("document.documentElement.scrollHeight")
    steps = page.locator("li.step").all()
    print(
        f"checklists page at 360 px: {HEIGHT_BEFORE_PX} px before, {height} px now, "
        f"{len(steps)} steps"
    )
    assert height < HEIGHT_BEFORE_PX / 2
    folder = OUTPUT / "checklists"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / "plan-after-360.png"), full_page=True)

    # The next step comes first and is the one step unfolded in the one checklist open.
    first = page.locator(".next-steps .next-one a")
    target = first.get_attribute("href").lstrip("#")
    assert page.locator("details.checklist[open]").count() == 1
    opened = page.locator("details.checklist[open] li.step > details[open]")
    assert opened.count() == 1
    assert page.locator(f"li.step.next[id='{target}'] > details[open]").count() == 1
    assert opened.locator("button", has_text="Centang selesai").is_visible()
    assert violations(page) == [] and small_targets(page) == []

    # A later next step, in a folded checklist: its link unfolds it.
    later = page.locator(".next-steps .then a").first
    later_id = later.get_attribute("href").lstrip("#")
    later.click()
    page.locator(f"li.step[id='{later_id}'] button:has-text('Centang selesai')").wait_for()

    # Every step can be reached and ticked; its sources are real targets of 24 px or more.
    for step in steps:
        step_id = step.get_attribute("id")
        shown = open_step(page, step_id)
        assert shown.locator("button", has_text="Centang selesai").is_visible(), step_id
        for link in shown.locator("ul.sources a").all():
            box = link.bounding_box()
            assert box["width"] >= 24 and box["height"] >= 24, (step_id, box)
    assert violations(page) == [] and small_targets(page) == []

    # Ticked: the step folds, marked done, and the next one of its checklist unfolds.
    ticks = count(live_server.app, StepProgress)
    page.goto(f"{live_server.url}{business}/langkah")
    with page.expect_navigation():
        page.locator(f"li.step[id='{target}'] button:has-text('Centang selesai')").click()
    done = page.locator(f"li.step.done[id='{target}']")
    assert done.locator("> details[open]").count() == 0
    assert "selesai" in done.locator("summary").inner_text()
    assert count(live_server.app, StepProgress) == ticks + 1
    assert page.locator(".next-steps .next-one a").get_attribute("href") != f"#{target}"
    page.screenshot(path=str(folder / "plan-after-tick-360.png"))  # where the tick lands
    context.close()


def test_a_folded_step_is_ticked_offline_and_sent_once(live_server, browser, phone):
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID")
    page = context.new_page()
    login(page, live_server.url)
    overview = live_server.url + page.locator("[data-warm] a").first.get_attribute("href")
    wait_for_kept_pages(page, overview)
    ticks = count(live_server.app, StepProgress)
    context.set_offline(True)
    page.goto(f"{overview}/langkah")
    last = page.locator("details.checklist").last.locator("li.step").last
    step_id = last.get_attribute("id")
    step = open_step(page, step_id)  # the last step of the last, folded checklist
    step.locator("input[name=note]").fill("Dicentang tanpa sinyal")
    step.locator("button", has_text="Centang selesai").click()
    step.locator("text=Dicentang di ponsel, menunggu sinyal.").wait_for()
    phone.shot("checklist-tick-offline", of=page)
    assert count(live_server.app, StepProgress) == ticks
    context.set_offline(False)
    page.locator("#outbox", has_text="1 perubahan terkirim.").wait_for(timeout=20000)
    page.reload()
    page.wait_for_timeout(500)
    assert count(live_server.app, StepProgress) == ticks + 1
    assert page.locator(f"li.step.done[id='{step_id}']").count() == 1
    context.close()
