/**
 * The calculators' runtime, on every page: instant navigation swaps content
 * without reloading scripts, so forms are mounted as they arrive.
 */
import "./chart-redraw.js";
import { mountForm } from "./form.js";

/** A form that fails to mount is reported and leaves the others working. */
function mountSafely(form) {
  try {
    mountForm(form);
  } catch (error) {
    reportError(error);
  }
}
const mountAll = () => document.querySelectorAll("form[data-calculator]").forEach(mountSafely);

mountAll();
// Only added elements can bring a form; a recompute's new text cannot.
const addsElements = (records) => records.some((record) => [...record.addedNodes].some((node) => node.nodeType === Node.ELEMENT_NODE));
new MutationObserver((records) => addsElements(records) && mountAll()).observe(document.body, { childList: true, subtree: true });
