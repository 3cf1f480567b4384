/**
 * Tells Material's search worker (workers/search-later.js), on this page's
 * channel (search-channel.js), to build its index once the tab is not starting
 * Python, or when the reader goes to search. It may start before or after
 * this module: "go" is said at each chance.
 */
import { watchPython } from "./python.js";

const name = document.documentElement.dataset.searchChannel;
const channel = name && self.BroadcastChannel ? new BroadcastChannel(name) : null;
let pythonStarts = false;
let readerSearches = false;
const release = () => channel && (readerSearches || !pythonStarts) && channel.postMessage("go");
const isSearch = (element) => element?.form?.name === "search";

/** Call once the page's forms are mounted: a link with inputs has started Python by then. */
export function releaseSearch() {
  if (!channel) return;
  channel.onmessage = ({ data }) => data === "waiting" && release();
  watchPython((state) => {
    pythonStarts = state === "loading";
    release();
  });
  document.addEventListener("focusin", ({ target }) => {
    if (readerSearches || !isSearch(target)) return;
    readerSearches = true;
    release();
  });
  readerSearches = isSearch(document.activeElement); // the reader may have gone there already
  release();
}
