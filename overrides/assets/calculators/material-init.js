/**
 * Material 9.8.1's inline scripts as a file, for a CSP without 'unsafe-inline'.
 * overrides/partials/javascripts/ include it where Material puts each one
 * (data-md-init); re-check them against Material's partials on upgrades.
 */
(() => {
  const script = document.currentScript;
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
    // palette.html, and the first step of the bundle's palette: its colours and
    // toggle (the reader's saved choice, else the first that matches) before first
    // paint, as the bundle may run a second later (theme-later.js).
    palette() {
      const inputs = [...document.querySelectorAll("input[name='__palette']")];
      const attribute = (input, key) => input.getAttribute(`data-md-color-${key}`);
      const first = inputs.findIndex((input) => matchMedia(attribute(input, "media")).matches);
      const index = Math.max(0, Math.min(__md_get("__palette")?.index ?? first, inputs.length - 1));
      let from = inputs[index];
      if (attribute(from, "media") === "(prefers-color-scheme)") {
        const scheme = matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
        from = document.querySelector(`[data-md-color-media='(prefers-color-scheme: ${scheme})']`);
      }
      document.body.setAttribute("data-md-color-media", attribute(inputs[index], "media"));
      for (const key of ["scheme", "primary", "accent"]) document.body.setAttribute(`data-md-color-${key}`, attribute(from, key));
      inputs.forEach((input, at) => {
        const toggle = input.nextElementSibling;
        if (toggle instanceof HTMLLabelElement) toggle.hidden = at !== index;
      });
    },
    // content.html: a #__tabbed_N_M link opens its tab. (Material's script
    // there also restores the reader's tabs for content.tabs.link: left out,
    // as that feature is off.)
    content() {
      const target = document.getElementById(location.hash.slice(1));
      if (target?.name) target.checked = target.name.startsWith("__tabbed_");
    },
  };
  run[script.dataset.mdInit]?.();
})();
