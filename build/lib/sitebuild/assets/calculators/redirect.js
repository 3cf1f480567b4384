/**
 * A moved page's redirect (mkdocs-redirects) as a file, for a strict CSP. It
 * keeps the query (an ADR link's inputs) and replaces the history entry; the
 * <meta http-equiv="refresh"> stays for readers without JS.
 */
(() => {
  const target = new URL(document.currentScript.dataset.target, location.href);
  if (location.search) target.search = [target.search.slice(1), location.search.slice(1)].filter(Boolean).join("&");
  if (location.hash) target.hash = location.hash;
  location.replace(target.href);
})();
