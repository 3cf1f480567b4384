/**
 * The theme's inline scripts as a file, for a CSP without 'unsafe-inline'.
 * overrides/partials/javascripts/ include it where the theme puts each one
 * (data-md-init). A faithful port of Material 9.8.2's and Zensical 0.0.73's
 * partials (Zensical's base adds the trailing-slash scope and data-platform);
 * tests/site/test_theme_shims.py fails when either theme's partials change.
 */
(() => {
  const script = document.currentScript;
  const run = {
    base() {
      let scope = new URL(script.dataset.mdScope, location);
      if (!scope.pathname.endsWith("/")) scope = new URL(`${scope.pathname}/`, location);
      window.__md_scope = scope;
      window.__md_hash = (value) => [...value].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
      window.__md_get = (key, storage = localStorage, at = window.__md_scope) => JSON.parse(storage.getItem(`${at.pathname}.${key}`));
      window.__md_set = (key, value, storage = localStorage, at = window.__md_scope) => {
        try {
          storage.setItem(`${at.pathname}.${key}`, JSON.stringify(value));
        } catch {}
      };
      document.documentElement.setAttribute("data-platform", navigator.platform);
    },
    // The reader's saved colours before first paint.
    palette() {
      const palette = __md_get("__palette");
      if (!palette?.color) return;
      if (palette.color.media === "(prefers-color-scheme)") {
        const scheme = matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
        const input = document.querySelector(`[data-md-color-media='(prefers-color-scheme: ${scheme})']`);
        for (const key of ["media", "scheme", "primary", "accent"]) palette.color[key] = input.getAttribute(`data-md-color-${key}`);
      }
      for (const [key, value] of Object.entries(palette.color)) document.body.setAttribute(`data-md-color-${key}`, value);
    },
    // content.html: a #__tabbed_N_M link opens its tab. (The theme's script
    // there also restores the reader's tabs for content.tabs.link: left out,
    // as that feature is off; tests/site/test_theme_shims.py checks it stays off.)
    content() {
      const target = document.getElementById(location.hash.slice(1));
      if (target?.name) target.checked = target.name.startsWith("__tabbed_");
    },
  };
  run[script.dataset.mdInit]?.();
})();
