"""Bad input, typed into a form or carried by a URL, never breaks a page.

Each bad value must come back as the field error native Python gives for it
(``calculators.evaluate``, the schema's words), or be ignored (unknown URL
keys); no exception may reach the console, no text from the URL or a field
may become markup, the other calculators on the page keep working, and a
valid value typed afterwards recovers.

The guide has one calculator per page, so this runs against a page with
three blocks (two calculators, one of them twice under another id), plus
one block for every other registered calculator, built for this test in a
temporary project that inherits the site's mkdocs.yml and theme overrides and
adds the sidecar-tax plugin: nothing test-only goes into docs/. The first two calculators' bad
values are listed by hand below; every other calculator's are made from its
own schema (:func:`schema_cases`), so a new calculator is covered as soon as
it is registered.
"""

from __future__ import annotations

import itertools
import math
import os
import subprocess
import sys
import textwrap
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

import calculators
from tests.conftest import ROOT, StaticServer, without_search_index
from tests.e2e.forms import (
    CONTROLS,
    form_raw,
    native,
    record_console_errors,
    shown_outputs,
    start_python,
    wait_for_native,
    wait_for_state,
)

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
#: The calculators whose bad values are listed by hand (BAD, URL_GROUPS).
HAND_LISTED = ("sidecar_ram", "chain_latency")
NEW_CALCULATORS = [name for name in calculators.CALCULATORS if name not in HAND_LISTED]
PAGE += "".join(f"\n## {name} {{#{name}-section}}\n\n```calculator\nname: {name}\n```\n" for name in NEW_CALCULATORS)

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
    "nan-whole": ("pods", "NaN"),
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


@pytest.fixture(scope="module")
def three_blocks(tmp_path_factory):
    """A one-page project on the site's configuration, built and served."""
    work = tmp_path_factory.mktemp("three-blocks")
    (work / "docs").mkdir()
    (work / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    (ROOT / ".cache").mkdir(exist_ok=True)
    (work / ".cache").symlink_to(ROOT / ".cache")  # the pinned Pyodide and snapshots, fetched once
    server = StaticServer(work / "site")
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
              - sidecar-tax:
                  pyodide_source: self-hosted
            """
        ),
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
    context = without_search_index(
        browser.new_context(base_url=three_blocks, permissions=["clipboard-read", "clipboard-write"]))
    page = context.new_page()
    yield SimpleNamespace(page=page, errors=record_console_errors(page), context=context)
    context.close()


@pytest.fixture
def fresh(tab):
    """A new page in the tab's context, for a case that loads a URL: a page
    stuck by one case cannot hold up the next."""
    page = tab.context.new_page()
    yield SimpleNamespace(page=page, errors=record_console_errors(page))
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


def control(form, field: str):
    """The input, or the yes/no select, called ``field``."""
    return form.locator(f':is({CONTROLS})[name="{field}"]')


def set_field(form, field: str, value: str) -> None:
    """Type a value, or choose it from a yes/no select."""
    element = control(form, field)
    if element.evaluate("element => element.tagName") == "SELECT":
        element.select_option(value)
    else:
        element.fill(value)


def assert_shows(form, field: str) -> None:
    """The form shows what native Python says for what it holds now:
    the field's error in the schema's words, or none (and the results, when
    no other field is in error)."""
    expected = native(form)
    error = form.locator(f'[data-error-for="{field}"]')
    messages = [e["message"] for e in expected["errors"] if e["input"] == field]
    if messages:
        expect(error).to_have_text(messages[0], timeout=60_000)
        expect(control(form, field)).to_have_attribute("aria-invalid", "true")
        expect(form.locator('[data-role="stale"]')).to_be_visible()
    else:
        if expected["ok"]:  # else another field's error holds the results back
            wait_for_native(form)
        expect(error).to_have_text("")
        expect(control(form, field)).not_to_have_attribute("aria-invalid", "true")


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
    set_field(form, field, valid.text(valid.default))
    expect(form.locator(f'[data-error-for="{field}"]')).to_have_text("")
    expect(form.locator('[data-role="stale"]')).to_be_hidden()
    wait_for_native(form)


CASES = {**BAD, **ACCEPTED}
# From the URL, the values the issue lists (each path through the page is the
# same for its neighbours above). A page load costs a Python start, so each URL
# carries several cases, one per field: a case's value goes into a field of
# the same kind and rule as the one it is typed into above.
URL_GROUPS = {
    "not-numbers": {
        "pods": "empty", "nodes": "letters", "sidecar_mib": "nan", "node_proxy_mib": "infinity",
        "sidecar_vcpu": "decimal-comma", "waypoint_mib": "ten-thousand-letters",
        "waypoints": "overflow",
    },
    "out-of-bounds": {
        "pods": "far-above-bounds", "nodes": "zero-whole", "waypoints": "minus-one", "sidecar_mib": "zero-exclusive",
        "node_proxy_mib": "overflow-float",
    },
    "markup": {
        **dict(zip(("sidecar_vcpu", "node_proxy_vcpu", "waypoint_vcpu", "control_plane_vcpu", "gib_month_price"),
                   HTML_PAYLOADS)),
        "pods": "spaces-around", "nodes": "ten-thousand-digits",
    },
}


def set_fields(form, values: dict[str, str]) -> None:
    for field, value in values.items():
        set_field(form, field, value)


def defaults(name: str, fields) -> dict[str, str]:
    """Each field's default value, as the form writes it."""
    calculator = calculators.get(name)
    return {field: calculator.input(field).text(calculator.input(field).default) for field in fields}


def recovers_all(form, fields) -> None:
    """Valid values typed into every field clear every error and bring back live results."""
    set_fields(form, defaults(form.get_attribute("data-calculator"), fields))
    for field in fields:
        expect(form.locator(f'[data-error-for="{field}"]')).to_have_text("")
    expect(form.locator('[data-role="stale"]')).to_be_hidden()
    wait_for_native(form)


def url_answers_each_field(fresh, values: dict[str, dict[str, str]], anchor: str) -> None:
    """Open a link carrying ``values`` (block -> field -> raw text): each field
    holds its text and shows native Python's answer for it, no markup gets in,
    the page's other calculators keep working, and valid values recover."""
    page = fresh.page
    query = "&".join(f"{block}.{field}={quote(value, safe='')}" for block, fields in values.items()
                     for field, value in fields.items())
    page.goto(f"?{query}&other_cluster.pods=25#{anchor}")
    by_block = {block: page.locator(f"form#{block}") for block in values}
    elements = {block: form_elements(form) for block, form in by_block.items()}
    for block, fields in values.items():
        form = by_block[block]
        wait_for_state(form, "ready")
        for field, value in fields.items():
            is_select = control(form, field).evaluate("element => element.tagName") == "SELECT"
            # A number field holds the URL's text (a browser drops line breaks only); a select no answer at all.
            assert control(form, field).input_value() == ("" if is_select else value), (block, field)
            assert_shows(form, field)
    _, latency, other = forms(page)
    expect(other.locator('input[name="pods"]')).to_have_value("25")
    wait_for_native(other)
    if "chain_latency" not in values:  # no state of its own: left alone
        assert latency.get_attribute("data-state") in ("ready", "loading")
    for block, form in by_block.items():
        assert_nothing_injected(page, form, elements[block])
    others_keep_working(page, form_raw(other))
    for block, fields in values.items():
        recovers_all(by_block[block], fields)
    assert fresh.errors == []


@pytest.mark.parametrize("group", URL_GROUPS)
def test_values_from_the_url(fresh, group):
    values = {field: CASES[case][1] for field, case in URL_GROUPS[group].items()}
    url_answers_each_field(fresh, {"sidecar_ram": values}, "memory")


def test_each_url_case_is_in_one_group_in_a_field_of_its_kind():
    """Each case is placed once, in a field whose rule treats it as the
    case's own field does: the same kind of number, the same kind of lower
    bound for a number refused by its bounds, accepted or refused alike."""
    placed = [case for group in URL_GROUPS.values() for case in group.values()]
    assert len(placed) == len(set(placed))
    calculator = calculators.get("sidecar_ram")
    for group in URL_GROUPS.values():
        for field, case in group.items():
            own_field, value = CASES[case]
            own, here = calculator.input(own_field), calculator.input(field)
            assert case in HTML_PAYLOADS or own.kind == here.kind, (field, case)
            if finite_number(value):
                assert own.min_inclusive == here.min_inclusive, (field, case)
            assert (own.parse(value)[1] is None) == (here.parse(value)[1] is None), (field, case)


def finite_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def typing_is_answered(tab, name: str, field: str, value: str) -> None:
    """In the shared tab, type ``value`` into ``field`` of calculator block
    ``name``: the form shows native Python's answer (its field error, with
    the results kept), no markup gets in, the other forms keep working, and
    a valid value recovers."""
    page = tab.page
    if not page.url.startswith("http"):
        page.goto("")
    form = page.locator(f"form#{name}")
    _, _, other = forms(page)
    start_python(form)
    recovers(form, field)  # a clean start, whatever the case before left
    tab.errors.clear()
    elements, before = form_elements(form), shown_outputs(form)
    before_other = form_raw(other)

    set_field(form, field, value)
    assert_shows(form, field)
    if not native(form)["ok"]:
        assert shown_outputs(form) == before, "results changed for a bad value"
    assert_nothing_injected(page, form, elements)
    others_keep_working(page, before_other)
    recovers(form, field)
    assert tab.errors == []


@pytest.mark.parametrize("case", CASES)
def test_typed_value(tab, case):
    typing_is_answered(tab, "sidecar_ram", *CASES[case])


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


# -- every other calculator: bad values made from its own schema ---------------


def schema_values(item) -> dict[str, str]:
    """Bad raw values for one input, made from its rule: just outside each
    bound, a fraction for a whole number, letters, empty and markup; for a
    yes/no input, another word, empty and markup."""
    cases = {"empty": "", "markup": HTML_PAYLOADS["img-onerror"]}
    if item.kind is bool:
        return {"other-word": "maybe", **cases}
    low, high = item.minimum, item.maximum
    cases["letters"] = "abc"
    cases["below-minimum"] = item.text(low - 1 if item.min_inclusive else low)
    cases["above-maximum"] = item.text(high + 1 if item.max_inclusive else high)
    if item.kind is int:
        cases["fraction"] = f"{item.text(low)}.5"
    return cases


def schema_cases() -> dict[str, tuple[str, str, str]]:
    """``calculator.input.case`` -> (calculator, input, raw value), for every
    calculator not listed by hand, each checked against the schema itself."""
    cases = {}
    for name in NEW_CALCULATORS:
        for item in calculators.get(name).inputs:
            for case, value in schema_values(item).items():
                assert item.parse(value)[1] is not None, (name, item.name, value)
                cases[f"{name}.{item.name}.{case}"] = (name, item.name, value)
    return cases


def typed_cases(cases: dict[str, tuple[str, str, str]]) -> dict[str, tuple[str, str, str]]:
    """One typed case per number input, the kinds of bad value taken in turn
    down each calculator's inputs (native Python's rule itself is tested for
    every value in tests/calculators; here, that the form shows it). A select
    offers only valid answers: a yes/no input's bad values arrive by URL only."""
    chosen = {}
    for name in NEW_CALCULATORS:
        numbers = [item for item in calculators.get(name).inputs if item.kind is not bool]
        for turn, item in enumerate(numbers):
            kinds = [case for case in cases if case.startswith(f"{name}.{item.name}.")]
            case = kinds[turn % len(kinds)]
            chosen[case] = cases[case]
    return chosen


SCHEMA_CASES = schema_cases()
TYPED_SCHEMA_CASES = typed_cases(SCHEMA_CASES)
# From a URL, in one link per kind of bad value: markup and an empty value
# for every input, and every case of a yes/no input.
URL_SCHEMA_GROUPS: dict[str, dict[str, dict[str, str]]] = {}
for case, (name, field, value) in SCHEMA_CASES.items():
    kind = case.rsplit(".", 1)[1]
    if kind in ("empty", "markup") or calculators.get(name).input(field).kind is bool:
        URL_SCHEMA_GROUPS.setdefault(kind, {}).setdefault(name, {})[field] = value


@pytest.mark.parametrize("kind", URL_SCHEMA_GROUPS)
def test_values_from_the_url_in_every_other_calculator(fresh, kind):
    url_answers_each_field(fresh, URL_SCHEMA_GROUPS[kind], f"{NEW_CALCULATORS[0]}-section")


SPELLINGS = ("yes", "TRUE", "1", " no ", "False", "0")
#: Every yes/no input of the registered calculators: (calculator, input).
YES_NO = [(name, item) for name in NEW_CALCULATORS for item in calculators.get(name).inputs if item.kind is bool]


@pytest.mark.parametrize("first", range(0, len(SPELLINGS), max(len(YES_NO), 1)))
def test_every_yes_no_spelling_from_a_url_selects_its_answer(fresh, first):
    """Links may say yes/no, true/false or 1/0: the select shows the answer
    and the results are native Python's for it (the spellings taken in turn
    by the yes/no inputs, as many per link as there are inputs)."""
    if not YES_NO:
        pytest.fail("no registered calculator has a yes/no input")
    placed = list(zip(YES_NO, SPELLINGS[first:first + len(YES_NO)]))
    page = fresh.page
    page.goto("?" + "&".join(f"{name}.{item.name}={quote(spelling)}" for (name, item), spelling in placed)
              + f"#{YES_NO[0][0]}-section")
    for (name, item), spelling in placed:
        form = page.locator(f"form#{name}")
        wait_for_state(form, "ready")
        assert control(form, item.name).input_value() == item.text(item.parse(spelling)[0]), spelling
        wait_for_native(form)
    assert fresh.errors == []
