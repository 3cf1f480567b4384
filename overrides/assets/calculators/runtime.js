/**
 * The calculators' runtime, on every page: instant navigation swaps content
 * without reloading scripts, so forms are mounted as they arrive.
 */
import "./chart.js";
import { mountForm } from "./form.js";
import { answered, watchPython } from "./python.js";

const mountAll = () => Promise.all([...document.querySelectorAll("form[data-calculator]")].map(mountForm));
// theme-later.js holds Material's bundle while Python starts: once mountAll's
// forms have decided, it has started if any of them needs it.
const themeMayRun = () => document.dispatchEvent(new Event("sidecar-tax:python-not-starting"));

/** Once ready, the bundle would delay the answers to the forms' first calls
 * (results, then charts): wait until a task passes with no new call. */
async function afterFirstAnswers() {
  let last;
  do {
    last = answered();
    await last;
    await new Promise((resolve) => setTimeout(resolve));
  } while (answered() !== last);
}

let formsDecided = Promise.resolve();
try {
  formsDecided = mountAll();
} finally {
  let starting = false;
  watchPython((state) => {
    starting = state === "loading";
    if (state === "ready") afterFirstAnswers().then(themeMayRun);
    else if (!starting) themeMayRun();
  });
  // Also when a form failed to mount: the theme must not wait on it.
  const unlessStarting = () => starting || themeMayRun();
  formsDecided.then(unlessStarting, unlessStarting);
}

// At once, not after the theme sets it up: the second page is ready twice as soon (tests/bench).
// Only added elements can bring a form; a recompute's new text cannot.
const addsElements = (records) => records.some((record) => [...record.addedNodes].some((node) => node.nodeType === Node.ELEMENT_NODE));
new MutationObserver((records) => addsElements(records) && mountAll()).observe(document.body, { childList: true, subtree: true });
