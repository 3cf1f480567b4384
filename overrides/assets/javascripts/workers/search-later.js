/**
 * Material's search worker, started late: its index takes a core that Python's
 * start needs (tests/bench). Material's messages wait until this page says go
 * on its own channel (calculators/search-release.js) or 10 s pass. Beside
 * Material's worker, so its relative paths hold.
 */
const params = new URLSearchParams(location.search);
const material = params.get("material");
if (!/^search\.\w+\.min\.js$/.test(material)) throw new Error(`search-later.js: not Material's worker: ${material}`);
const name = params.get("channel");
const held = [];
const hold = ({ data }) => held.push(data);
const channel = self.BroadcastChannel && /^sidecar-tax-search-\w+$/.test(name) ? new BroadcastChannel(name) : null;
// Material sends only its setup before the index answers, so one task may replay all.
const start = () => {
  channel?.close();
  clearTimeout(fallback);
  removeEventListener("message", hold);
  importScripts(material);
  for (const data of held) dispatchEvent(new MessageEvent("message", { data }));
};
const fallback = setTimeout(start, channel ? 10_000 : 0);
addEventListener("message", hold);
if (channel) {
  channel.onmessage = ({ data }) => data === "go" && start();
  channel.postMessage("waiting");
}
