"""A real ``mkdocs build --strict`` of the project, read as the built HTML."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from calculators import CALCULATORS, mesh_fit
from calculators.figures import FIGURES
from mkdocs.utils.yaml import yaml_load

from .test_figures_cited import pages, read

ROOT = Path(__file__).resolve().parents[2]


def stable_links() -> list[str]:
    """The published ``page#anchor`` links from ``docs/stable-anchors.txt``."""
    lines = (ROOT / "docs" / "stable-anchors.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


class IdsAndRequests(HTMLParser):
    """Collects element ids and the URLs a browser would fetch for the page."""

    FETCHED = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("link", "href")}

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.fetched: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        for element, attribute in self.FETCHED:
            if tag == element and attributes.get(attribute):
                if tag == "link" and attributes.get("rel") in ("canonical", "alternate"):
                    continue
                self.fetched.append(attributes[attribute])


def parse(path: Path) -> IdsAndRequests:
    parser = IdsAndRequests()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_file(site: Path, url: str) -> Path:
    path = site / url
    return path / "index.html" if url.endswith("/") or url == "" else path


def test_stable_anchor_list_is_not_empty():
    assert len(stable_links()) >= 20


@pytest.mark.parametrize("link", stable_links())
def test_published_link_still_resolves(built_site, link):
    url, _, anchor = link.partition("#")
    target = page_file(built_site, url)
    assert target.is_file(), f"{link}: page {url} is gone (add a redirect in mkdocs.yml)"
    if anchor:
        assert anchor in parse(target).ids, f"{link}: anchor #{anchor} is gone from {url}"


def test_no_page_fetches_anything_from_another_host(built_site):
    offenders = []
    for html in built_site.rglob("*.html"):
        for url in parse(html).fetched:
            if re.match(r"^(https?:)?//", url):
                offenders.append(f"{html.relative_to(built_site)}: {url}")
    for css in built_site.rglob("*.css"):
        offenders += [f"{css.name}: {u}" for u in re.findall(r"url\(['\"]?((?:https?:)?//[^)'\"]+)", css.read_text())]
    assert offenders == []


def test_every_page_of_the_guide_is_built(built_site):
    """Every Markdown file is a page, except the snippets pages include."""
    docs = ROOT / "docs"
    pages = sorted(p.relative_to(docs).with_suffix("") for p in docs.rglob("*.md") if "snippets" not in p.parts)
    for page in pages:
        folder = page.parent if page.name == "index" else page
        assert (built_site / folder / "index.html").is_file(), page


def test_calculators_are_rendered_with_results(built_site):
    for page, name in (("guide/resources/", "sidecar_ram"), ("guide/latency/", "chain_latency")):
        html = page_file(built_site, page).read_text(encoding="utf-8")
        assert f'data-calculator="{name}"' in html
        assert 'data-state="static"' in html
        assert re.search(r"<output name=\"\w+\"[^>]*data-value=\"[-0-9.e]+\">[^<]+</output>", html)


def test_the_theme_loads_its_bundle_as_it_ships_it(built_site):
    """Nothing holds or rewrites Material's script tag: each page loads the
    bundle with the tag the theme writes, then the calculators' module."""
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "http-equiv=\"refresh\"" in html:
            continue  # a moved page's stub has no theme
        bundles = re.findall(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>', html)
        runtime = re.findall(r'<script src="[^"]*assets/calculators/mount-forms\.js" type="module"></script>', html)
        assert len(bundles) == 1 and len(runtime) == 1, path
        assert html.index(bundles[0]) < html.index(runtime[0]), path


def test_every_state_and_reason_the_runtime_names_has_words_in_the_form(built_site):
    """python-client.js and form.js choose the words by key; the calculator
    partial holds them. A key without words would leave the reader a blank status."""
    runtime = (ROOT / "sitebuild" / "assets" / "calculators" / "python-client.js").read_text(encoding="utf-8")
    reasons = re.findall(r'^\s*\[/.+/\w*, "(\w+)"\],$', runtime, re.M) + re.findall(r'\?\? "(\w+)"\);', runtime)
    assert len(reasons) > 2, reasons
    html = page_file(built_site, "guide/resources/").read_text(encoding="utf-8")
    status = re.search(r'<p class="st-calc__status"[^>]*>', html, re.S).group(0)
    for key in ["loading", "ready", "slow", "error", *(f"why-{reason}" for reason in reasons)]:
        assert re.search(rf'data-{key}="[^"]+"', status), key
    stale = re.search(r'<p class="st-calc__stale"[^>]*>', html, re.S).group(0)
    for key in ("invalid", "outdated"):
        assert re.search(rf'data-{key}="[^"]+"', stale), key


def test_runtime_files_are_shipped(built_site):
    assets = built_site / "assets" / "calculators"
    config = (assets / "config.js").read_text(encoding="utf-8")
    package = re.search(r'"packageURL": "([^"]+)"', config).group(1)
    assert (assets / package).is_file()
    index = re.search(r'"pyodideIndexURL": "([^"]+)"', config).group(1)
    for name in ("pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"):
        assert (assets / index / name).is_file(), name


def redirect_maps() -> dict[str, str]:
    for plugin in yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"]:
        if isinstance(plugin, dict) and "redirects" in plugin:
            return plugin["redirects"]["redirect_maps"]
    return {}


@pytest.mark.parametrize(("old", "new"), redirect_maps().items())
def test_a_moved_page_redirects_to_a_page_that_exists(built_site, old, new):
    redirect = built_site / Path(old).with_suffix("") / "index.html"
    target = Path(new).with_suffix("")
    target = target.parent if target.name == "index" else target
    assert (built_site / target / "index.html").is_file()
    assert f'{target.name}/"' in redirect.read_text(encoding="utf-8")


def test_snippets_are_included_not_published(built_site):
    assert not (built_site / "snippets").exists()


def test_every_page_is_reviewed_no_later_than_its_oldest_figure(built_site):
    """Each page says when it was last reviewed, never later than the oldest
    check of a figure it shows (inline, in a figure table or as a preset)."""
    for path in pages(built_site):
        if path.parent == built_site / "404":
            continue
        reader = read(path)
        page = str(path.relative_to(built_site).parent)
        assert len(reader.reviewed) == 1, f"{page}: shows no 'Last reviewed' date"
        shown = set(reader.figures) & set(FIGURES)
        for name in reader.calculators & set(CALCULATORS):
            shown |= {ref.partition(":")[0] for preset in CALCULATORS[name].presets for ref in preset.figures.values()}
        checked = [FIGURES[figure_id].checked for figure_id in shown]
        assert reader.reviewed[0] <= min(checked, default="9999"), (page, reader.reviewed[0], min(checked))


def test_build_code_is_not_published(built_site):
    assert not list(built_site.rglob("*.py"))
    assert not list(built_site.rglob("make_snapshot.mjs"))


def page_text(site: Path, url: str) -> str:
    """A built page's words as a reader reads them: tags dropped, entities
    and typographic quotes read back as plain text, spaces collapsed."""
    markup = page_file(site, url).read_text(encoding="utf-8")
    text = unescape(re.sub(r"<[^>]+>", " ", markup))
    return " ".join(text.translate(str.maketrans("“”‘’", "\"\"''")).split())


@pytest.mark.parametrize("url", ["", "guide/keep-the-mesh-out/"])
def test_the_article_conditions_read_as_the_checklist_form_states_them(built_site, url):
    """One wording of the article's three conditions: the pages that list
    them say what mesh_fit checks, word for word."""
    text = page_text(built_site, url)
    for condition in mesh_fit.CONDITIONS:
        assert condition in text, condition


@pytest.mark.parametrize("url", ["", "guide/keep-the-mesh-out/", "guide/compare/"])
def test_the_three_pages_state_mesh_fits_rule_as_the_calculator_applies_it(built_site, url):
    """The advice people paste into ADRs: each page's rule table is mesh_fit's
    RULES, every verdict once, in the words the calculator answers with."""
    markup = page_file(built_site, url).read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-verdict="([a-z_]+)">(.*?)</tr>', markup, flags=re.S)
    assert [verdict for verdict, _ in rows] == [rule.verdict for rule in mesh_fit.RULES]
    for (verdict, cells), rule in zip(rows, mesh_fit.RULES):
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", cells)).split())
        assert rule.when in text and rule.then in text and mesh_fit.VERDICT_WORDS[verdict] in text
