/**
 * Says when Material's search worker (javascripts/workers/search-later.js)
 * may build its index: once this tab is not starting Python, or at once when
 * the reader goes to search. The worker may start before or after this
 * module, so "go" is said on each chance, and again when it asks.
 */
import { watchPython } from "./python.js";

const channel = new BroadcastChannel("sidecar-tax-search");
let pythonStarts = false;
let readerSearches = false;
const release = () => (readerSearches || !pythonStarts) && channel.postMessage("go");

/** Call once the page's forms are mounted: a link with inputs has started Python by then. */
export function releaseSearch() {
  channel.onmessage = release;
  watchPython((state) => {
    pythonStarts = state === "loading";
    release();
  });
  document.addEventListener("focusin", ({ target }) => {
    if (target.form?.name !== "search" || readerSearches) return;
    readerSearches = true;
    release();
  });
  release();
}
