/**
 * Which edition a page belongs to, and its links: pinned to that edition
 * (what an ADR cites: it never changes) and living (the same page in the
 * latest edition). Only edition builds name an edition (editionbuild/hook.py);
 * elsewhere there is nothing to pin and `editionLinks` returns null.
 */

/** The root of the copy being read (`…/2026-12-06/` or `…/latest/`): this
 * module's own address, which instant navigation never changes. */
export const copyRoot = new URL("../../", import.meta.url);

/** `{ name, latest }` from the page's meta element, or null outside editions. */
export function currentEdition() {
  const meta = document.querySelector('meta[name="sidecar-tax:edition"]');
  return meta && { name: meta.content, latest: meta.dataset.latest };
}

/** The address of `href` (a page of this copy) in the copy named `copy`. */
export function inCopy(href, copy) {
  const url = new URL(href);
  if (!url.href.startsWith(copyRoot.href)) throw new Error(`Sidecar Tax: ${url.href} is not under this edition's root ${copyRoot.href}`);
  return new URL(`../${encodeURIComponent(copy)}/${url.href.slice(copyRoot.href.length)}`, copyRoot).href;
}

/** `{ edition, pinned, living }` for `href`, or null on a site without editions. */
export function editionLinks(href) {
  const edition = currentEdition();
  return edition && { edition: edition.name, pinned: inCopy(href, edition.name), living: inCopy(href, edition.latest) };
}
