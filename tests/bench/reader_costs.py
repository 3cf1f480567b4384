"""What a reader who edits pays (issue 27), timed inside the page.

8. intent to live result   pointer over a form with no state in the URL ->
                            an edit's result shown (Python started on that
                            intent, or earlier with ``start: viewport``)
9. warm revisit            same browser profile, reload of a URL with
                            calculator state: navigation start -> ready
"""

from __future__ import annotations

from playwright.sync_api import Browser

from measure import TIMEOUT_MS, WITHIN, Scenario

# Set before the page's own scripts: when the pointer first comes over the
# form, when the form turns ready, and a promise for an output's text.
PROBES = """
window.__reader = {};
window.__reader.ready = new Promise((done) => {
  new MutationObserver(() => {
    if (document.querySelector('form[data-calculator][data-state="ready"]')) done(performance.now());
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
});
addEventListener('pointerover', (event) => {
  if (event.target.closest?.('form[data-calculator]')) window.__reader.intent ??= performance.now();
}, true);
window.__reader.shows = (selector, text) => new Promise((done) => {
  const output = document.querySelector(selector);
  const check = () => output.textContent === text && done(performance.now());
  new MutationObserver(check).observe(output, { subtree: true, childList: true, characterData: true });
  check();
});
"""


def intent_to_result(browser: Browser, base: str, scenario: Scenario, value: str, output: str, text: str) -> dict:
    """Open the calculator page as a reader arriving from a link, scroll to
    the form, point at it, then type ``value``: ms until ``output`` shows ``text``."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        context.add_init_script(PROBES)
        page = context.new_page()
        page.goto(f"{base}{scenario.calculator_page}", wait_until="load")
        form = page.locator(scenario.form_selector)
        form.scroll_into_view_if_needed()
        form.locator(".st-calc__title").hover()
        field = form.locator(f"input[name={scenario.recompute_input}]")
        field.fill(value)
        shown = page.evaluate(f"([selector, text, ms]) => {WITHIN}(__reader.shows(selector, text), ms)",
                              [f"{scenario.form_selector} output[name={output}]", text, TIMEOUT_MS])
        intent = page.evaluate("__reader.intent")
        return {"intent_to_result_ms": shown - intent, "started_from": page.evaluate("document.documentElement.dataset.runtimeStart")}
    finally:
        context.close()


def warm_revisit(browser: Browser, base: str, scenario: Scenario) -> dict:
    """Load the calculator page with URL state until ready, then reload it in
    the same context: the reload's navigation start -> ready."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        context.add_init_script(PROBES)
        page = context.new_page()
        ready = f"() => {WITHIN}(window.__reader.ready, {TIMEOUT_MS})"
        page.goto(scenario.calculator_url(base))
        cold = page.evaluate(ready)
        page.reload()
        warm = page.evaluate(ready)
        return {"cold_ready_ms": cold, "warm_ready_ms": warm,
                "started_from": page.evaluate("document.documentElement.dataset.runtimeStart")}
    finally:
        context.close()
