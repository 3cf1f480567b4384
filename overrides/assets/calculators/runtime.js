/**
 * The calculators' runtime, on every page: instant navigation swaps content
 * without reloading scripts, so forms are mounted as they arrive.
 */
import "./chart.js";
import { mountForm } from "./form.js";
import { answered, watchPython } from "./python.js";

const mountAll = () => document.querySelectorAll("form[data-calculator]").forEach(mountForm);
// theme-later.js holds Material's bundle while Python starts: a link with
// inputs has started it by the end of mountAll.
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

try {
  mountAll();
} finally {
  let starting = false;
  watchPython((state) => {
    starting = state === "loading";
    if (state === "ready") afterFirstAnswers().then(themeMayRun);
    else if (!starting) themeMayRun();
  });
  if (!starting) themeMayRun(); // the theme must not wait on a form that failed to mount
}

// At once, not after the theme sets it up: the second page is ready twice as soon (tests/bench).
// Only added elements can bring a form; a recompute's new text cannot.
const addsElements = (records) => records.some((record) => [...record.addedNodes].some((node) => node.nodeType === Node.ELEMENT_NODE));
new MutationObserver((records) => addsElements(records) && mountAll()).observe(document.body, { childList: true, subtree: true });
