"""Accessibility: axe-core on calculators in every state a reader brings
about, labels with units, live regions, and a calculator used by keyboard
alone.

axe-core (as axe-playwright-python ships it) runs in the light and in the dark
scheme (the palette follows the system's preference, emulated here), inside
the calculator's form: a field error with stale results, live results, and
Python failing to load. No serious or critical finding is allowed. The walk
over every page (test_every_page.py) runs axe on each whole page in both
schemes, and checks each at a phone's width, with the helpers here.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

import calculators
from tests.conftest import let_real_search_in
from tests.e2e.forms import start_python, wait_for_native, wait_for_state

pytestmark = pytest.mark.e2e

SCHEMES = {"light": "default", "dark": "slate"}
#: axe-core as axe-playwright-python ships it. Its ``Axe.run`` injects the
#: script again before every run, which leaves axe's code cold each time: a
#: check of a form costs a quarter more CPU, of a whole page a tenth
#: (measured in the tests' browser), so ``serious`` injects it once per document.
AXE_SCRIPT = Axe().axe_script
RUN_AXE = """async (within) => (await axe.run(within ?? document, {resultTypes: ["violations"]})).violations
  .map(({id, impact, help, nodes}) => ({id, impact, help, targets: nodes.slice(0, 5).map((node) => node.target)}))"""


def serious(page: Page, where: str, within: str | None = None) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now,
    once its CSS transitions have run; only inside the element ``within``
    selects, when given (its colours are still judged against the whole page)."""
    settled(page)
    if not page.evaluate("typeof window.axe?.run === 'function'"):
        page.evaluate(AXE_SCRIPT)
    return [f"{where}: {found['id']} ({found['impact']}) {found['help']}: {found['targets']}"
            for found in page.evaluate(RUN_AXE, within) if found["impact"] in ("serious", "critical")]


def settled(page: Page) -> None:
    """Wait out CSS transitions (a button's hover colours, the header's title swap):
    axe judges the colours of the moment."""
    page.wait_for_function("() => document.getAnimations().every((animation) => animation.playState !== 'running')")


def prefer(page: Page, scheme: str) -> None:
    """The system's preference becomes ``scheme``; the palette follows it."""
    page.emulate_media(color_scheme=scheme)
    page.wait_for_function("scheme => document.body.dataset.mdColorScheme === scheme", arg=SCHEMES[scheme])


def preferred_scheme(page: Page) -> str:
    """The scheme the system prefers now, as emulated: light or dark."""
    return "dark" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "light"


def serious_in_both_schemes(page: Page, where: str, within: str | None = None) -> list[str]:
    """``serious`` in the light and in the dark scheme, the page as it is now:
    first in the scheme the system prefers now, then in the other, which the
    page is left in."""
    found, now = [], preferred_scheme(page)
    for scheme in sorted(SCHEMES, key=lambda scheme: scheme != now):
        prefer(page, scheme)
        found += serious(page, f"{where} ({scheme})", within)
    return found


def test_axe_finds_nothing_serious_in_any_calculator_state(page: Page):
    """What a reader brings about: a field error with stale results, live
    results, and Python failing to load. These states change only the form,
    so axe checks the form (test_every_page.py's walk checks whole pages)."""
    problems = []
    for path in ("guide/resources/", "guide/latency/"):
        page.goto(path)
        for form in page.locator("form[data-calculator]").all():
            block = f'[id="{form.get_attribute("id")}"]'
            field = form.locator("input[name]").first
            field.fill("not a number")
            expect(form.locator('[data-role="stale"]')).to_be_visible(timeout=60_000)
            problems += serious_in_both_schemes(page, f"{path}{block} with a field error and stale results", block)
            spec = calculators.get(form.get_attribute("data-calculator")).input(field.get_attribute("name"))
            field.fill(spec.text(spec.default))
            wait_for_state(form, "ready")
            wait_for_native(form)
            problems += serious_in_both_schemes(page, f"{path}{block} with live results", block)
            form.locator('[data-action="copy-link"]').hover()
            form.locator('[data-action="copy-adr"]').focus()
            problems += serious_in_both_schemes(page, f"{path}{block} with a button hovered and one focused", block)
    page.route("**/assets/calculators/pyodide/**", lambda route: route.abort())
    page.goto("guide/latency/")
    form = page.locator("form[data-calculator]")
    start_python(form, "error")
    block = f'[id="{form.get_attribute("id")}"]'
    problems += serious_in_both_schemes(page, f"guide/latency/{block} without Python", block)
    assert problems == [], "\n".join(problems)


def test_every_input_is_labelled_with_its_unit_and_results_are_live(page: Page):
    for path in ("guide/resources/", "guide/latency/"):
        page.goto(path)
        for form in page.locator("form[data-calculator]").all():
            calculator = calculators.get(form.get_attribute("data-calculator"))
            for spec in calculator.inputs:
                field = form.locator(f'input[name="{spec.name}"]')
                # The accessible name a screen reader announces: label and unit.
                expect(field).to_have_accessible_name(f"{spec.label} ({spec.unit})")
                expect(field).to_have_accessible_description(f"{spec.help} Must be {spec.rule()}.")
                error_id = form.locator(f'[data-error-for="{spec.name}"]').get_attribute("id")
                assert error_id in field.get_attribute("aria-describedby").split()
                expect(form.locator(f'[data-error-for="{spec.name}"]')).to_have_attribute("aria-live", "polite")
            for spec in calculator.outputs:
                expect(form.locator(f'output[name="{spec.name}"]')).to_have_accessible_name(spec.label)
            results = form.locator('[data-role="results"]')
            expect(results).to_have_attribute("aria-live", "polite")
            expect(form.locator('[data-role="status"]')).to_have_attribute("role", "status")


def focused(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            // Material's palette radios are visually hidden: focus shows on the label that follows.
            const shown = (node) => {
                const box = node.getBoundingClientRect();
                return box.width > 0 && box.height > 0 && !node.closest("[hidden]");
            };
            return {tag: el.tagName, name: el.name || "", text: el.textContent.trim().slice(0, 40),
                    action: el.dataset.action || "", preset: el.dataset.preset || "",
                    visible: shown(el) || (el.nextElementSibling?.tagName === "LABEL" && shown(el.nextElementSibling)),
                    inForm: Boolean(el.closest("form[data-calculator]"))};
        }"""
    )


def tab_until(page: Page, wanted, limit: int = 200) -> dict:
    """Press Tab until the focused element is ``wanted``; every stop on the way must be visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["visible"], f"Tab reached something invisible: {now}"
        if wanted(now):
            return now
    raise AssertionError("Tab never got there")


def test_a_calculator_works_by_keyboard_alone(page: Page, console_errors):
    let_real_search_in(page.context)  # Tab passes the search box: as a reader has it, its index built
    page.goto("guide/resources/")
    # Start where a reader does: at the top, with nothing focused yet.
    page.evaluate("document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex')")
    form = page.locator('form[data-calculator="sidecar_ram"]')
    calculator = calculators.get("sidecar_ram")

    # From the top of the page: the skip link first, then into the content.
    skip = tab_until(page, lambda now: now["tag"] == "A")
    assert "skip" in skip["text"].lower(), skip
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#"))  # focus now starts from the content

    # A preset button, pressed with the keyboard.
    preset = tab_until(page, lambda now: now["inForm"] and now["preset"])
    page.keyboard.press("Enter")
    button = form.locator(f'button[data-preset="{preset["preset"]}"]')
    expect(button).to_have_attribute("aria-pressed", "true")
    for key, value in calculator.preset(preset["preset"]).values.items():
        expect(form.locator(f'input[name="{key}"]')).to_have_value(calculator.input(key).text(value))

    # The first input: select what is there, type, read the result.
    field = tab_until(page, lambda now: now["inForm"] and now["tag"] == "INPUT")
    assert field["name"] == calculator.inputs[0].name
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("250")
    wait_for_state(form, "ready")
    expect(form.locator('input[name="pods"]')).to_have_value("250")
    wait_for_native(form)  # every result reads what native Python computes for 250 pods

    # The next Tab is the next input, in the schema's order.
    page.keyboard.press("Tab")
    assert focused(page)["name"] == calculator.inputs[1].name
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("90")
    wait_for_native(form)

    # On to the actions: the hidden Retry is skipped, Copy link works by Enter.
    copy = tab_until(page, lambda now: now["inForm"] and now["action"])
    assert copy["action"] == "copy-link", copy
    page.keyboard.press("Enter")
    expect(form.locator('[data-role="copied"]')).to_have_text("Copied.")
    assert "sidecar_ram.pods=250" in page.evaluate("navigator.clipboard.readText()")
    assert console_errors == []


#: A phone's viewport: WCAG's reflow width is 320 px, a common phone's 390.
PHONE = {"width": 390, "height": 800}


def wider_than_a_phone(page: Page) -> str | None:
    """The page at a phone's width, then back at its own: where wide tables
    scroll in their own box, the page itself does not scroll sideways; else
    what it measures."""
    own = page.viewport_size
    page.set_viewport_size(PHONE)
    # Two frames: the theme's resize and media-query handlers run first.
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size(own)
    return f"{page.url}: {width} px" if width > PHONE["width"] else None
