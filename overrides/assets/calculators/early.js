/**
 * In the head of pages with calculators: a link carrying a calculator's inputs
 * (an ADR's) starts Python once the build's results are painted, not after the
 * theme's scripts (tests/bench); earlier, it slows the page on small machines.
 * python.js adopts the worker and what it said, or marks it too late (null).
 */
(() => {
  const script = document.currentScript;
  const blocks = script.dataset.calculatorBlocks.split(" ");
  const keys = [...new URLSearchParams(location.search).keys()];
  if (!keys.some((key) => blocks.some((block) => key.startsWith(`${block}.`)))) return;
  const start = () => {
    if (window.sidecarTaxEarlyWorker === null) return;
    const worker = new Worker(new URL("worker.js", script.src), { type: "module", name: "sidecar-tax-python" });
    const events = [];
    worker.onmessage = worker.onerror = (event) => {
      event.preventDefault();
      events.push(event);
    };
    window.sidecarTaxEarlyWorker = { worker, events };
  };
  // A frame with the results in the page paints them: start right after it.
  const whenPainted = () =>
    document.querySelector("form[data-calculator] output") ? setTimeout(start) : requestAnimationFrame(whenPainted);
  requestAnimationFrame(whenPainted);
})();
