/**
 * Material for MkDocs' small inline scripts, moved into a file so the site
 * runs under a Content-Security-Policy without 'unsafe-inline' (see
 * deploy/nginx/sidecar-tax.conf and the README).
 *
 * A classic (not module) script: each override in overrides/partials/javascripts/
 * includes it with `data-md-init` naming which of Material's snippets to run,
 * at the very place Material puts its inline <script>, so the timing is the
 * same (before first paint, before Material's bundle). The code of each
 * snippet is Material 9.8.1's, unminified; re-check it when Material changes.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var role = script && script.getAttribute("data-md-init");

  /* partials/javascripts/base.html: the storage helpers Material's bundle and
     the other snippets call as globals. The scope is the site's root (or
     extra.scope), written by the template as a URL relative to the page. */
  function base() {
    var scope = script.getAttribute("data-md-scope");
    window.__md_scope = scope !== null ? new URL(scope, location) : new URL("../../", script.src);
    window.__md_hash = function (value) {
      return Array.from(value).reduce(function (hash, char) {
        return (hash << 5) - hash + char.charCodeAt(0);
      }, 0);
    };
    window.__md_get = function (key, storage, scope) {
      storage = storage || localStorage;
      scope = scope || window.__md_scope;
      return JSON.parse(storage.getItem(scope.pathname + "." + key));
    };
    window.__md_set = function (key, value, storage, scope) {
      storage = storage || localStorage;
      scope = scope || window.__md_scope;
      try {
        storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
      } catch (error) {
        /* storage full or disabled: Material works without it */
      }
    };
  }

  /* partials/javascripts/palette.html: apply the reader's saved colour
     scheme before first paint (runs right after the palette's inputs). */
  function palette() {
    var saved = window.__md_get("__palette");
    if (!saved || !saved.color) return;
    if (saved.color.media === "(prefers-color-scheme)") {
      var light = matchMedia("(prefers-color-scheme: light)").matches;
      var input = document.querySelector(
        light
          ? "[data-md-color-media='(prefers-color-scheme: light)']"
          : "[data-md-color-media='(prefers-color-scheme: dark)']",
      );
      saved.color.media = input.getAttribute("data-md-color-media");
      saved.color.scheme = input.getAttribute("data-md-color-scheme");
      saved.color.primary = input.getAttribute("data-md-color-primary");
      saved.color.accent = input.getAttribute("data-md-color-accent");
    }
    for (var key in saved.color) {
      if (Object.prototype.hasOwnProperty.call(saved.color, key)) {
        document.body.setAttribute("data-md-color-" + key, saved.color[key]);
      }
    }
  }

  /* partials/javascripts/content.html: open the content tab a link's #hash
     points to, and (with the content.tabs.link feature) the tabs the reader
     picked before. Material re-runs this after each instant navigation. */
  function content() {
    if (script.hasAttribute("data-md-tabs-link")) {
      var tabs = window.__md_get("__tabs");
      if (Array.isArray(tabs)) {
        sets: for (var set of document.querySelectorAll(".tabbed-set")) {
          var labels = set.querySelector(".tabbed-labels");
          for (var tab of tabs) {
            for (var label of labels.getElementsByTagName("label")) {
              if (label.innerText.trim() === tab) {
                document.getElementById(label.htmlFor).checked = true;
                continue sets;
              }
            }
          }
        }
      }
    }
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
  }

  var run = { base: base, palette: palette, content: content }[role];
  if (run) run();
})();
