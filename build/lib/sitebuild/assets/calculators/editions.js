/**
 * Editions: links pinned to this page's edition and living (in `latest`); on
 * an older edition, the theme's outdated banner opens this page, section and
 * query in `latest`. No banner (theme changed): it throws.
 */
const root = new URL("../../", import.meta.url); // of this copy
const meta = document.querySelector('meta[name="sidecar-tax:edition"]');
const [edition, latest] = [meta?.content, meta?.dataset.latest];
const inCopy = (href, copy) => new URL(`../${copy}/${href.slice(root.href.length)}`, root).href;

/** `{ edition, pinned, living }` for a URL of this copy; null without editions. */
export const editionLinks = (href) => meta && { edition, pinned: inCopy(href, edition), living: inCopy(href, latest) };

async function fillBanner(banner) {
  const versions = await (await fetch(new URL("../versions.json", root))).json();
  const newest = versions.find((entry) => entry.aliases.includes(latest)).version;
  const link = banner?.querySelector("[data-edition-latest]");
  if (!link) throw new Error("Sidecar Tax: the theme's outdated banner changed (block outdated, overrides/main.html)");
  if (newest === edition) return;
  banner.querySelector("[data-edition-newest]").textContent = `A newer edition, ${newest}, exists.`;
  const opened = location.hash; // navigation.tracking drops it at the top, by the banner
  const follow = () => {
    const here = new URL(location.href);
    here.hash ||= opened;
    link.href = inCopy(here.href, latest);
  };
  follow();
  for (const event of ["pointerenter", "focus", "click"]) link.addEventListener(event, follow);
  banner.hidden = false;
}

let seen; // each page brings its banner (instant navigation)
function onPage() {
  const banner = document.querySelector("[data-md-component=outdated]");
  if (banner !== seen) fillBanner((seen = banner)).catch(reportError);
}
if (meta) {
  onPage();
  new MutationObserver(onPage).observe(document.body, { childList: true, subtree: true });
}
