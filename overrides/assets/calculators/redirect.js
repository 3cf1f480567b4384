/**
 * The redirect of a moved page (mkdocs-redirects), moved out of an inline
 * <script> so it runs under a strict Content-Security-Policy; written into
 * those pages by overrides/hooks/redirect_pages.py.
 *
 * Unlike the plugin's own script it keeps the query as well as the #anchor
 * (an ADR's calculator link carries its inputs in the query), and it replaces
 * the history entry so Back does not bounce through the old address. The
 * page's <meta http-equiv="refresh"> stays as the no-JavaScript fallback.
 */
(function () {
  "use strict";
  var target = new URL(document.currentScript.getAttribute("data-target"), location.href);
  if (location.search) {
    target.search = target.search ? target.search + "&" + location.search.slice(1) : location.search;
  }
  if (location.hash) target.hash = location.hash;
  location.replace(target.href);
})();
