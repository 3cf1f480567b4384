/**
 * The calculators' runtime, on every page: instant navigation swaps content
 * without reloading scripts, so forms are mounted as they arrive.
 */
import "./chart.js";
import { mountForm } from "./form.js";
import { answered, watchPython } from "./python.js";

/** A form that fails to mount is reported and leaves the others working. */
function mountSafely(form) {
  try {
    return mountForm(form);
  } catch (error) {
    reportError(error);
  }
}
const mountAll = () => Promise.all([...document.querySelectorAll("form[data-calculator]")].map(mountSafely));

// theme-later.js holds Material's bundle, which would delay Python's start
// and first answers, until this says Python is not starting: no form needs
// it, or it failed, is slow, or is ready and has answered the first calls.
const themeMayRun = () => document.dispatchEvent(new Event("sidecar-tax:python-not-starting"));

/** Resolves once a task passes with no new call to Python (results, then charts). */
async function afterFirstAnswers() {
  let last;
  do {
    last = answered();
    await last;
    await new Promise((resolve) => setTimeout(resolve));
  } while (answered() !== last);
}

let pythonHoldsTheme = false;
watchPython((state) => {
  pythonHoldsTheme = state === "loading" || state === "ready";
  if (state === "ready") afterFirstAnswers().then(themeMayRun);
  else if (!pythonHoldsTheme) themeMayRun();
});
// Once every form has said whether it starts Python (mountForm).
mountAll().then(() => pythonHoldsTheme || themeMayRun());

// At once, not after the theme sets up: the second page is ready twice as soon (tests/bench).
// Only added elements can bring a form; a recompute's new text cannot.
const addsElements = (records) => records.some((record) => [...record.addedNodes].some((node) => node.nodeType === Node.ELEMENT_NODE));
new MutationObserver((records) => addsElements(records) && mountAll()).observe(document.body, { childList: true, subtree: true });
