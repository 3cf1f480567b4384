/**
 * Runs Material's bundle once this page is not starting Python: the bundle's
 * main-thread work slowed Python's start (README, "Loading order"). It runs
 * at once without a calculator, else when runtime.js says Python is not
 * starting, when the reader reaches for anything outside a calculator, or
 * after 10 s. A palette click or shortcut key that came first is replayed
 * once Material listens.
 */
(() => {
  const root = document.documentElement;
  const bundleURL = document.currentScript.dataset.bundle;
  const outsideCalculators = (target) => !target.closest?.("form[data-calculator]");
  const waiting = () => ["held", "loading"].includes(root.dataset.themeScripts);
  let contentLoaded = false;
  let replay;
  document.addEventListener("DOMContentLoaded", () => (contentLoaded = true), { once: true });

  const settle = (state) => {
    root.dataset.themeScripts = state;
    replay?.();
  };
  const load = () => {
    if (root.dataset.themeScripts !== "held") return;
    root.dataset.themeScripts = "loading";
    const bundle = Object.assign(document.createElement("script"), { src: bundleURL });
    // Material starts on DOMContentLoaded: replay it if it has passed, else
    // follow it (this listener comes after Material's).
    bundle.onload = () => {
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

  root.dataset.themeScripts = "held";
  root.classList.replace("no-js", "js"); // as the bundle would: the page looks the same held or not
  if (!document.querySelector("form[data-calculator]")) return load();
  setTimeout(load, 10_000);
  document.addEventListener("sidecar-tax:python-not-starting", load);
  const focusWakes = ({ target }) => outsideCalculators(target) && load();
  addEventListener("focusin", focusWakes, true);
  const focused = document.activeElement; // the reader may be somewhere already
  if (focused && focused !== document.body) focusWakes({ target: focused });
  // Scrolling, selecting text and reading keys (space, arrows, pages) do not wake it.
  const controls = "a, button, label, input, select, textarea, summary, .md-header, .md-sidebar";
  addEventListener("pointerdown", ({ target }) => outsideCalculators(target) && target.closest?.(controls) && load(), { capture: true, passive: true });
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
