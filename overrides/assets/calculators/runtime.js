/**
 * Entry point of the calculators' browser runtime, loaded on every page.
 *
 * Material's instant navigation swaps page content without reloading scripts,
 * so forms are mounted when they enter the page (and on each `document$`
 * emission) rather than on DOMContentLoaded; this module (and the Python
 * worker it owns) lives for the whole tab.
 */
import "./chart.js";
import { mountForm } from "./form.js";

function mountAll() {
  for (const form of document.querySelectorAll("form[data-calculator]")) {
    mountForm(form);
  }
}

mountAll();
window.document$?.subscribe(mountAll);
// A form that instant navigation swaps in is mounted the moment it is in the
// page, not after the theme's own components have set up the new content
// (tests/bench: the second calculator page is ready about twice as soon).
const hasForm = (node) =>
  node.nodeType === Node.ELEMENT_NODE && (node.matches("form[data-calculator]") || node.querySelector("form[data-calculator]"));
new MutationObserver((records) => {
  if (records.some((record) => [...record.addedNodes].some(hasForm))) mountAll();
}).observe(document.body, { childList: true, subtree: true });
