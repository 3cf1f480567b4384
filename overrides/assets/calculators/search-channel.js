/**
 * Gives this page load its own channel to Material's search worker, which it
 * swaps for workers/search-later.js: other tabs of the site then neither
 * release its index early nor wake it in the back/forward cache. Deferred
 * before Material's bundle, which reads the config it rewrites.
 */
(() => {
  const config = document.getElementById("__config");
  const settings = JSON.parse(config.textContent);
  const channel = `sidecar-tax-search-${Math.random().toString(36).slice(2)}`;
  const held = settings.search.replace(/workers\/(search\.\w+\.min\.js)$/, `workers/search-later.js?material=$1&channel=${channel}`);
  if (held === settings.search) return; // not Material's worker as we know it: search runs unheld
  config.textContent = JSON.stringify({ ...settings, search: held });
  document.documentElement.dataset.searchChannel = channel;
})();
