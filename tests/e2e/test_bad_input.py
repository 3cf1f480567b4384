"""Bad input, typed into a form or carried by a URL, never breaks a page.

Each bad value must come back as the field error native Python gives for it
(``calculators.evaluate``, the schema's words), or be ignored (unknown URL
keys); no exception may reach the console, no text from the URL or a field
may become markup, the other calculators on the page keep working, and a
valid value typed afterwards recovers.

The guide has one calculator per page, so this runs against a page with
three blocks (two calculators, one of them twice under another id) built
for this test in a temporary project that inherits the site's mkdocs.yml,
theme overrides and hooks: nothing test-only goes into docs/.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import textwrap
from types import SimpleNamespace
from urllib.parse import quote

import pytest
import yaml
from playwright.sync_api import expect

import calculators
from tests.conftest import ROOT, StaticServer
from tests.e2e.forms import form_raw, native, shown_outputs, start_python, wait_for_native, wait_for_state

pytestmark = pytest.mark.e2e

PAGE = """\
# Three calculators

## Memory {#memory}

```calculator
name: sidecar_ram
```

## Latency {#latency}

```calculator
name: chain_latency
```

## Another cluster {#another}

```calculator
name: sidecar_ram
id: other_cluster
pods: 40
```
"""

INJECTED = "window.__stInjected"
HTML_PAYLOADS = {
    "img-onerror": f'<img src=x onerror="{INJECTED}=1">',
    "script-tag": f"<script>{INJECTED}=2</script>",
    "svg-onload": f'"><svg onload={INJECTED}=3>',
    "closing-markup": '</output></form><b id="st-injected">bold</b>',
    "javascript-url": f"javascript:{INJECTED}=4",
}

# Every bad value the issue lists, and a few neighbours; (field, value).
BAD = {
    "empty": ("pods", ""),
    "letters": ("pods", "abc"),
    "minus-one": ("pods", "-1"),
    "zero-whole": ("pods", "0"),
    "zero-exclusive": ("sidecar_mib", "0"),
    "minus-zero": ("sidecar_mib", "-0"),
    "underflows-to-zero": ("sidecar_mib", "1e-400"),
    "overflow": ("pods", "1e309"),
    "overflow-float": ("sidecar_mib", "1e309"),
    "nan": ("sidecar_mib", "NaN"),
    "infinity": ("sidecar_mib", "Infinity"),
    "decimal-comma": ("sidecar_mib", "1,5"),
    "thousands-separator": ("pods", "1,000"),
    "fraction-of-a-whole": ("pods", "2.5"),
    "hex": ("pods", "0x10"),
    "arabic-indic-digits": ("pods", "\u0661\u0662"),
    "far-above-bounds": ("pods", "1000000000000"),
    "just-above-bounds": ("pods", "1000001"),
    "ten-thousand-digits": ("pods", "9" * 10_000),
    "ten-thousand-letters": ("sidecar_mib", "x" * 10_000),
    **{name: ("pods", payload) for name, payload in HTML_PAYLOADS.items()},
}
# Values a reader may well type that the schema accepts: they must simply work.
ACCEPTED = {
    "spaces-around": ("pods", "  42  "),
    "exponent": ("pods", "2.5e2"),
    "leading-dot": ("sidecar_mib", ".5"),
}


def parent_hooks() -> list[str]:
    """The site's hooks, as absolute paths (a list in an INHERIT is replaced, not merged)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return [str(ROOT / hook) for hook in config.get("hooks", [])]


@pytest.fixture(scope="module")
def three_blocks(tmp_path_factory):
    """A one-page project on the site's configuration, built and served."""
    work = tmp_path_factory.mktemp("three-blocks")
    (work / "docs").mkdir()
    (work / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    (ROOT / ".cache").mkdir(exist_ok=True)
    (work / ".cache").symlink_to(ROOT / ".cache")  # the pinned Pyodide and snapshots, fetched once
    server = StaticServer(work / "site")
    hooks = "\n".join(f"  - {hook}" for hook in parent_hooks())
    config = work / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(
            f"""\
            INHERIT: {ROOT / "mkdocs.yml"}
            site_name: Three calculators
            site_url: {server.url}
            docs_dir: docs
            nav:
              - index.md
            theme:
              custom_dir: {ROOT / "overrides"}
            plugins:
              - search
            """
        )
        + f"hooks:\n{hooks}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(work / "site")],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYODIDE_SOURCE": "self-hosted", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def tab(browser, three_blocks):
    """One tab for the whole module: each URL case loads the page afresh,
    the form cases share one running Python (as a reader's tab would)."""
    context = browser.new_context(base_url=three_blocks, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield SimpleNamespace(page=page, errors=errors, context=context)
    context.close()


@pytest.fixture
def fresh(tab):
    """A new page in the tab's context, for a case that loads a URL: a page
    stuck by one case cannot hold up the next."""
    page = tab.context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield SimpleNamespace(page=page, errors=errors)
    page.close()


def forms(page):
    return (
        page.locator("form#sidecar_ram"),
        page.locator("form#chain_latency"),
        page.locator("form#other_cluster"),
    )


def form_elements(form) -> int:
    """The form's elements, but for the two Material wraps around each table
    when its bundle runs, which may be before or after Python is ready."""
    return form.locator("*:not(.md-typeset__scrollwrap, .md-typeset__table)").count()


def assert_nothing_injected(page, form, elements: int) -> None:
    assert page.evaluate(f"typeof {INJECTED}") == "undefined", "a payload ran"
    assert page.locator("#st-injected, img[src=x], svg[onload], [onerror], [onload]").count() == 0
    assert form_elements(form) == elements, "the form's markup changed"


def assert_shows(form, field: str) -> None:
    """The form shows what native Python says for what it holds now:
    the field's error in the schema's words, or the results."""
    expected = native(form)
    error = form.locator(f'[data-error-for="{field}"]')
    messages = [e["message"] for e in expected["errors"] if e["input"] == field]
    if messages:
        expect(error).to_have_text(messages[0], timeout=60_000)
        expect(form.locator(f'input[name="{field}"]')).to_have_attribute("aria-invalid", "true")
        expect(form.locator('[data-role="stale"]')).to_be_visible()
    else:
        wait_for_native(form)
        expect(error).to_have_text("")
        expect(form.locator(f'input[name="{field}"]')).not_to_have_attribute("aria-invalid", "true")


FRESH = itertools.count(2)  # a new value each time, so each check sees a real recompute


def others_keep_working(page, before_other: dict[str, str]) -> None:
    """The second calculator recomputes; the same calculator's other block
    kept its own inputs and recomputes too."""
    _, latency, other = forms(page)
    assert form_raw(other) == before_other
    latency.locator('input[name="hops"]').fill(str(next(FRESH) % 900 + 2))
    wait_for_native(latency)
    other.locator('input[name="pods"]').fill(str(next(FRESH) % 900 + 2))
    wait_for_native(other)


def recovers(form, field: str) -> None:
    valid = calculators.get(form.get_attribute("data-calculator")).input(field)
    form.locator(f'input[name="{field}"]').fill(valid.text(valid.default))
    expect(form.locator(f'[data-error-for="{field}"]')).to_have_text("")
    expect(form.locator('[data-role="stale"]')).to_be_hidden()
    wait_for_native(form)


CASES = {**BAD, **ACCEPTED}
# From the URL, the values the issue lists (each path through the page is the
# same for its neighbours above, and every URL case costs a page load).
URL_CASES = {
    name: CASES[name]
    for name in (
        "empty", "letters", "minus-one", "zero-whole", "zero-exclusive", "overflow", "nan", "infinity",
        "decimal-comma", "spaces-around", "far-above-bounds", "ten-thousand-digits", "ten-thousand-letters",
        *HTML_PAYLOADS,
    )
}


@pytest.mark.parametrize("case", CASES)
def test_typed_value(tab, case):
    field, value = CASES[case]
    page = tab.page
    if not page.url.startswith("http"):
        page.goto("")
    memory, _, other = forms(page)
    start_python(memory)
    recovers(memory, field)  # a clean start, whatever the case before left
    tab.errors.clear()
    elements, before = form_elements(memory), shown_outputs(memory)
    before_other = form_raw(other)

    memory.locator(f'input[name="{field}"]').fill(value)
    assert_shows(memory, field)
    if not native(memory)["ok"]:
        assert shown_outputs(memory) == before, "results changed for a bad value"
    assert_nothing_injected(page, memory, elements)
    others_keep_working(page, before_other)
    recovers(memory, field)
    assert tab.errors == []


@pytest.mark.parametrize("case", URL_CASES)
def test_value_from_the_url(fresh, case):
    field, value = URL_CASES[case]
    page = fresh.page
    page.goto(f"?sidecar_ram.{field}={quote(value, safe='')}&other_cluster.pods=25#memory")
    memory, latency, other = forms(page)
    elements = form_elements(memory)
    wait_for_state(memory, "ready")
    # What the field holds is the URL's text, as text (a browser drops line breaks only).
    assert memory.locator(f'input[name="{field}"]').input_value() == value
    assert_shows(memory, field)
    expect(other.locator('input[name="pods"]')).to_have_value("25")
    wait_for_native(other)
    assert latency.get_attribute("data-state") in ("ready", "loading")  # no state of its own: left alone
    assert_nothing_injected(page, memory, elements)
    others_keep_working(page, form_raw(other))
    recovers(memory, field)
    assert fresh.errors == []


URL_ODDITIES = {
    # query -> (what the pods field must then hold, or None for "untouched")
    "repeated-key-last-wins": ("sidecar_ram.pods=abc&sidecar_ram.pods=12", "12"),
    "repeated-key-last-is-bad": ("sidecar_ram.pods=12&sidecar_ram.pods=abc", "abc"),
    "repeated-many-times": ("&".join(["sidecar_ram.pods=1"] * 200 + ["sidecar_ram.pods=300"]), "300"),
    "unknown-keys": (
        "sidecar_ram.podz=5&sidecar_ram.bogus=%3Cb%3E"  # no such input
        "&nosuchblock.pods=5&memory.pods=6"  # no such block (memory is a heading)
        "&pods=5&.pods=7&sidecar_ram.=8&sidecar_ram.pods.extra=5",  # no block, no input, too deep
        None,
    ),
    "prototype-keys": ("__proto__=x&sidecar_ram.__proto__=1&sidecar_ram.constructor=2&constructor.prototype=3", None),
    "key-without-value": ("sidecar_ram.pods", ""),
    "html-in-the-key": ("sidecar_ram.%3Cimg%20src%3Dx%20onerror%3D" + quote(INJECTED) + "%3D1%3E=5", None),
}


@pytest.mark.parametrize("case", URL_ODDITIES)
def test_odd_url_keys(fresh, case):
    query, holds = URL_ODDITIES[case]
    page = fresh.page
    page.goto(f"?{query}#memory")
    memory, latency, other = forms(page)
    elements = form_elements(memory)
    pods = memory.locator('input[name="pods"]')
    if holds is None:  # ignored: the build's values and results, nothing marked
        expect(pods).to_have_value(pods.get_attribute("value"))
        assert memory.get_attribute("data-state") in ("static", "loading", "ready")
        assert set(memory.locator("[data-error-for]").all_text_contents()) == {""}
        start_python(memory)
        wait_for_native(memory)
    else:
        expect(pods).to_have_value(holds)
        wait_for_state(memory, "ready")
        assert_shows(memory, "pods")
    assert_nothing_injected(page, memory, elements)
    others_keep_working(page, form_raw(other))
    recovers(memory, "pods")
    assert fresh.errors == []


def test_a_retry_answers_every_form_edited_while_python_was_down(fresh):
    """Edits in two forms while Python cannot load; the reader retries from one:
    both get their results, and neither is left marked as not its inputs'."""
    page = fresh.page
    page.route("**/pyodide/**", lambda route: route.abort())
    page.goto("#memory")
    memory, _, other = forms(page)
    start_python(memory, "error")
    memory.locator('input[name="pods"]').fill("300")
    other.locator('input[name="pods"]').fill("60")
    for form in (memory, other):
        expect(form.locator('[data-role="stale"]')).to_be_visible()
    page.unroute("**/pyodide/**")
    memory.locator('[data-action="retry"]').click()
    for form in (memory, other):
        wait_for_state(form, "ready")
        wait_for_native(form)
        expect(form.locator('[data-role="stale"]')).to_be_hidden()


def test_an_edit_that_restores_the_shown_inputs_is_not_marked(fresh):
    """Python cannot load; a reader types a digit and deletes it again: the
    build's results are still for the inputs shown, and a record may be made."""
    page = fresh.page
    page.route("**/pyodide/**", lambda route: route.abort())
    page.goto("#memory")
    memory, _, _ = forms(page)
    start_python(memory, "error")
    pods = memory.locator('input[name="pods"]')
    pods.press("End")
    pods.press("7")
    expect(memory.locator('[data-role="stale"]')).to_be_visible()
    pods.press("Backspace")
    expect(memory.locator('[data-role="stale"]')).to_be_hidden()
    memory.locator('[data-action="copy-adr"]').click()
    expect(memory.locator('[data-role="copied"]')).to_have_text("Copied.")
