/**
 * A moved page's redirect (mkdocs-redirects) without an inline script, for a
 * strict Content-Security-Policy. Unlike the plugin's it keeps the query (an
 * ADR's calculator link carries its inputs there) and replaces the history
 * entry. The page's <meta http-equiv="refresh"> stays for readers without JS.
 */
(() => {
  const target = new URL(document.currentScript.dataset.target, location.href);
  if (location.search) target.search = [target.search.slice(1), location.search.slice(1)].filter(Boolean).join("&");
  if (location.hash) target.hash = location.hash;
  location.replace(target.href);
})();
