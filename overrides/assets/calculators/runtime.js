/**
 * The calculators' browser runtime, loaded on every page. Material's instant
 * navigation swaps content without reloading scripts, so forms are mounted as
 * they enter the page, not on load; this module and its Python worker live
 * for the whole tab.
 */
import "./chart.js";
import { mountForm } from "./form.js";
import { releaseSearch } from "./search-release.js";

const mountAll = () => document.querySelectorAll("form[data-calculator]").forEach(mountForm);
mountAll();
releaseSearch();
// A swapped-in form is mounted at once, not after the theme has set up the
// new content (tests/bench: the second page is ready about twice as soon).
new MutationObserver(mountAll).observe(document.body, { childList: true, subtree: true });
