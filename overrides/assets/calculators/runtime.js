/**
 * Entry point of the calculators' browser runtime, loaded on every page.
 *
 * Material's instant navigation swaps page content without reloading scripts,
 * so forms are mounted on each `document$` emission rather than on
 * DOMContentLoaded; this module (and the Python worker it owns) lives for the
 * whole tab.
 */
import { mountForm } from "./form.js";

function mountAll() {
  for (const form of document.querySelectorAll("form[data-calculator]")) {
    mountForm(form);
  }
}

if (window.document$) {
  window.document$.subscribe(mountAll);
} else {
  mountAll();
}
