/**
 * The calculators' runtime, on every page: instant navigation swaps content
 * without reloading scripts, so forms are mounted as they arrive.
 */
import "./chart.js";
import { mountForm } from "./form.js";
import { releaseSearch } from "./search-release.js";

const mountAll = () => document.querySelectorAll("form[data-calculator]").forEach(mountForm);
try {
  mountAll();
} finally {
  releaseSearch(); // search must not wait on a form that failed to mount
}
// At once, not after the theme sets it up: the second page is ready twice as soon (tests/bench).
// Only added elements can bring a form; a recompute's new text cannot.
const addsElements = (records) => records.some((record) => [...record.addedNodes].some((node) => node.nodeType === Node.ELEMENT_NODE));
new MutationObserver((records) => addsElements(records) && mountAll()).observe(document.body, { childList: true, subtree: true });
