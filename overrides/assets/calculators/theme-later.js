/**
 * Runs Material's bundle once this page is not starting Python: its 150-250 ms
 * of main-thread work (and the search index it builds) slowed Python's start
 * on two cores (tests/bench). Pages without a calculator run it at once; the
 * others when runtime.js says Python is not starting, when the reader reaches
 * for anything outside a calculator, or after 10 s. A palette click or a
 * shortcut key that came first is replayed once Material listens. (A link
 * followed before then loads its page in full: Material's instant navigation
 * ignores clicks until it has read the sitemap.)
 */
(() => {
  const script = document.currentScript;
  const root = document.documentElement;
  let contentLoaded = false;
  let replay = null;
  document.addEventListener("DOMContentLoaded", () => (contentLoaded = true), { once: true });

  const settle = (state) => {
    root.dataset.themeScripts = state;
    replay?.();
  };
  const load = () => {
    if (root.dataset.themeScripts !== "held") return;
    root.dataset.themeScripts = "loading";
    const bundle = Object.assign(document.createElement("script"), { src: script.dataset.bundle });
    bundle.onload = () => {
      // Material starts on DOMContentLoaded: replay it if it has passed, else
      // follow it (this listener comes after Material's).
      if (!contentLoaded) return document.addEventListener("DOMContentLoaded", () => settle("running"), { once: true });
      document.dispatchEvent(new Event("DOMContentLoaded"));
      settle("running");
    };
    bundle.onerror = () => {
      root.classList.replace("js", "no-js"); // Material's layout without its script
      settle("failed");
    };
    document.body.append(bundle);
  };
  const waiting = () => ["held", "loading"].includes(root.dataset.themeScripts);
  const outsideCalculators = (target) => !target.closest?.("form[data-calculator]");

  root.dataset.themeScripts = "held";
  root.classList.replace("no-js", "js"); // as Material's first line does: the page looks the same held or not
  if (!document.querySelector("form[data-calculator]")) return load();
  setTimeout(load, 10_000);
  const focusWakes = ({ target }) => outsideCalculators(target) && load();
  // The reader may have gone somewhere before this ran.
  const focused = document.activeElement;
  if (focused && focused !== document.body) focusWakes({ target: focused });
  addEventListener("focusin", focusWakes, true);
  document.addEventListener("sidecar-tax:python-not-starting", load);
  // Scrolling, selecting text and reading keys (space, arrows, pages) do not wake it.
  const controls = "a, button, label, input, select, textarea, summary, .md-header, .md-sidebar";
  const wake = ({ target }) => outsideCalculators(target) && target.closest?.(controls) && load();
  addEventListener("pointerdown", wake, { capture: true, passive: true });
  addEventListener("keydown", (event) => {
    if (!waiting() || !outsideCalculators(event.target) || event.key.length !== 1 || event.key === " ") return;
    if (!event.target.closest?.("input, textarea, select")) replay ??= () => dispatchEvent(new KeyboardEvent("keydown", event));
    load();
  }, true);
  addEventListener("click", (event) => {
    const label = waiting() && event.target.closest?.('label[for^="__palette"]');
    if (!label) return;
    event.preventDefault();
    replay = () => label.click();
    load();
  }, true);
})();
