/**
 * Material 9.8.1's inline scripts as a file, for a CSP without 'unsafe-inline'.
 * overrides/partials/javascripts/ include it where Material puts each one
 * (data-md-init); re-check them against Material's partials on upgrades.
 */
(() => {
  const script = document.currentScript;
  const get = (key) => window.__md_get(key);
  const run = {
    // base.html: the theme's storage helpers.
    base() {
      window.__md_scope = new URL(script.dataset.mdScope, location);
      window.__md_hash = (value) => [...value].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
      window.__md_get = (key, storage = localStorage, scope = window.__md_scope) =>
        JSON.parse(storage.getItem(`${scope.pathname}.${key}`));
      window.__md_set = (key, value, storage = localStorage, scope = window.__md_scope) => {
        try {
          storage.setItem(`${scope.pathname}.${key}`, JSON.stringify(value));
        } catch {}
      };
    },
    // palette.html: the reader's saved colour scheme, before first paint.
    palette() {
      const color = get("__palette")?.color;
      if (!color) return;
      if (color.media === "(prefers-color-scheme)") {
        const scheme = matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
        const input = document.querySelector(`[data-md-color-media='(prefers-color-scheme: ${scheme})']`);
        for (const key of ["media", "scheme", "primary", "accent"]) color[key] = input.getAttribute(`data-md-color-${key}`);
      }
      for (const [key, value] of Object.entries(color)) document.body.setAttribute(`data-md-color-${key}`, value);
    },
    // content.html: the tabs the reader picked (content.tabs.link) and the #hash names.
    content() {
      const tabs = "mdTabsLink" in script.dataset && get("__tabs");
      if (Array.isArray(tabs)) {
        for (const set of document.querySelectorAll(".tabbed-set")) {
          const labels = [...set.querySelector(".tabbed-labels").getElementsByTagName("label")];
          const label = tabs.map((tab) => labels.find((each) => each.innerText.trim() === tab)).find(Boolean);
          if (label) document.getElementById(label.htmlFor).checked = true;
        }
      }
      const target = document.getElementById(location.hash.slice(1));
      if (target?.name) target.checked = target.name.startsWith("__tabbed_");
    },
  };
  run[script.dataset.mdInit]?.();
})();
