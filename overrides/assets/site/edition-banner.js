/**
 * On an older edition, the theme's outdated-version banner (Material's
 * `outdated` block, filled in overrides/main.html) names the newest edition
 * and links to this very page and section in `latest`, query (a filled-in
 * calculator) included. The link is brought up to date whenever the reader
 * may follow it, as the address changes with the calculators and sections.
 * The banner is the theme's: if it is gone, this says so loudly.
 */
import { copyRoot, currentEdition, inCopy } from "./editions.js";

const BANNER = "[data-md-component=outdated]";

/** versions.json, written by mike beside the editions (fetched once). */
const editions = fetch(new URL("../versions.json", copyRoot)).then((response) => {
  if (!response.ok) throw new Error(`Sidecar Tax: versions.json answered ${response.status}`);
  return response.json();
});

function banner() {
  const element = document.querySelector(BANNER);
  const link = element?.querySelector("[data-edition-latest]");
  if (!link) {
    throw new Error(
      `Sidecar Tax: this edition page has no ${BANNER} with [data-edition-latest]: the theme's outdated banner ` +
        "changed; see overrides/main.html (block outdated) and tests/editions/test_theme_banner.py",
    );
  }
  return { element, link, newest: element.querySelector("[data-edition-newest]") };
}

async function showBanner() {
  const edition = currentEdition();
  const newest = (await editions).find((entry) => entry.aliases.includes(edition.latest));
  if (!newest) throw new Error(`Sidecar Tax: versions.json names no edition as ${edition.latest}`);
  const { element, link, newest: words } = banner();
  if (newest.version === edition.name) return;
  words.textContent = `A newer edition, ${newest.version}, exists.`;
  // Material's navigation.tracking clears the section from the address at the
  // top of the page, where the banner is: then the section the page was opened at.
  const opened = location.hash;
  const follow = () => {
    const here = new URL(location.href);
    here.hash ||= opened;
    link.href = inCopy(here.href, edition.latest);
  };
  follow();
  for (const event of ["pointerenter", "pointerdown", "focus", "click"]) link.addEventListener(event, follow);
  element.hidden = false;
}

// Instant navigation swaps the banner for the next page's: fill that one in too.
let seen;
function onPage() {
  const element = document.querySelector(BANNER);
  if (element === seen) return;
  seen = element;
  showBanner().catch(reportError);
}
onPage();
new MutationObserver(onPage).observe(document.body, { childList: true, subtree: true });
