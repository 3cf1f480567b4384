/**
 * Benchmark probes, added by tests/bench/run.py as a Playwright init script,
 * so they run before any of the page's own scripts. All timestamps are
 * performance.now() values: milliseconds since navigation start.
 *
 * run.py prepends `window.__benchConfig = {...}` to this file:
 *   formId        id of the calculator form whose readiness is timed
 *   expected      {outputName: text} the URL state must show once Python answers
 *
 * Nothing here changes what the page does: Worker is subclassed only to note
 * when a worker is created and when it answers.
 */
(() => {
  if (window !== window.top || window.__bench) return;
  const config = window.__benchConfig || {};
  const now = () => performance.now();
  const bench = (window.__bench = {
    marks: {},
    longtasks: [],
    frames: [],
    workers: [],
    recompute: [],
    recomputeSamples: [],
    navigation: null,
    errors: [],
  });
  const waiting = [];
  const mark = (name, time = now()) => {
    if (name in bench.marks) return;
    bench.marks[name] = time;
    for (const waiter of waiting.splice(0)) {
      if (waiter.names.some((one) => one in bench.marks)) waiter.resolve(bench.marks);
      else waiting.push(waiter);
    }
  };
  /** Resolves (with all marks) once any of `names` is marked: no polling. */
  bench.when = (...names) =>
    new Promise((resolve) => {
      if (names.some((one) => one in bench.marks)) resolve(bench.marks);
      else waiting.push({ names, resolve });
    });

  // 5. Main-thread blocking: every long task from navigation start on.
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        bench.longtasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: "longtask", buffered: true });
  } catch (error) {
    bench.errors.push(`longtask observer: ${error}`);
  }
  // What ran in each long frame (Long Animation Frames): names the scripts
  // behind the long tasks above.
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        bench.frames.push({
          start: entry.startTime,
          duration: entry.duration,
          blocking: entry.blockingDuration,
          scripts: entry.scripts.map((script) => ({
            source: script.sourceURL,
            function: script.sourceFunctionName,
            invoker: script.invoker,
            type: script.invokerType,
            start: script.startTime,
            duration: script.duration,
            layout: script.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch (error) {
    bench.errors.push(`long-animation-frame observer: ${error}`);
  }
  // 3. First (contentful) paint.
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) mark(entry.name, entry.startTime);
    }).observe({ type: "paint", buffered: true });
  } catch (error) {
    bench.errors.push(`paint observer: ${error}`);
  }

  // When Material's bundle sets up the theme (on DOMContentLoaded), so that
  // its blocking time is reported beside the site's own.
  document.addEventListener("DOMContentLoaded", () => mark("themeRunning"), { once: true });

  // Workers: when each is created and when it posts each kind of message.
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      super(url, options);
      const record = { url: String(url), created: now(), messages: [], sent: [] };
      bench.workers.push(record);
      this.__benchRecord = record;
      this.addEventListener("message", (event) => {
        const data = event.data || {};
        record.messages.push({ type: data.type ?? null, id: data.id ?? null, start: data.start ?? null, time: now() });
      });
    }
    postMessage(message, ...rest) {
      this.__benchRecord?.sent.push({ type: message?.type ?? null, id: message?.id ?? null, time: now() });
      return super.postMessage(message, ...rest);
    }
  };

  // 2 and 3: when the pre-rendered outputs reach the DOM (and the frame after
  // that is painted), and when the form is ready and shows the URL's results.
  const afterNextPaint = (name) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => mark(name);
      channel.port2.postMessage(null);
    });
  const showsExpected = (form) => {
    const expected = config.expected || {};
    return [...form.querySelectorAll("output[name]")].every(
      (output) => !(output.name in expected) || output.textContent === expected[output.name],
    );
  };
  const check = () => {
    if (!config.formId) return true;
    const form = document.getElementById(config.formId);
    if (!form) return false;
    if (!("outputsInDom" in bench.marks) && form.querySelector("output[name]")) {
      mark("outputsInDom");
      afterNextPaint("outputsPainted");
    }
    if (form.dataset.state === "loading") mark("loading");
    if (form.dataset.state === "ready") mark("stateReady");
    if (form.dataset.state === "error") mark("stateError");
    if (form.dataset.state === "ready" && showsExpected(form)) {
      mark("resultsShown");
      return true;
    }
    return "stateError" in bench.marks;
  };
  // Watch the whole document until the form is parsed, then only the form:
  // the probes should cost the page as little as they can.
  const observer = new MutationObserver(() => {
    if (check()) return observer.disconnect();
    const form = config.formId && document.getElementById(config.formId);
    if (form && !watchingForm) {
      watchingForm = true;
      observer.disconnect();
      observer.observe(form, { subtree: true, childList: true, characterData: true, attributes: true });
    }
  });
  let watchingForm = false;
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });

  /**
   * 4. Recompute latency: from each input event on `inputName` (its
   * timeStamp) to the moment every output shows `expected[value]`.
   */
  const recomputeWaiters = [];
  /** Resolves once `count` recomputes have been seen; rejects after `ms`. */
  bench.recomputed = (count, ms) =>
    new Promise((resolve, reject) => {
      if (bench.recompute.length >= count) return resolve();
      recomputeWaiters.push({ count, resolve });
      setTimeout(() => reject(new Error(`recompute ${count} not seen in ${ms} ms`)), ms);
    });
  bench.watchRecompute = (formSelector, inputName, expected) => {
    const form = document.querySelector(formSelector);
    let pending = null;
    form.addEventListener(
      "input",
      (event) => {
        if (event.target.name === inputName) pending = { value: event.target.value, start: event.timeStamp };
      },
      true,
    );
    new MutationObserver(() => {
      if (!pending) return;
      const want = expected[pending.value] || {};
      const outputs = [...form.querySelectorAll("output[name]")];
      if (outputs.every((output) => !(output.name in want) || output.textContent === want[output.name])) {
        bench.recompute.push(now() - pending.start);
        bench.recomputeSamples.push({ value: pending.value, input: pending.start, shown: now() });
        pending = null;
        for (const waiter of recomputeWaiters.splice(0)) {
          if (bench.recompute.length >= waiter.count) waiter.resolve();
          else recomputeWaiters.push(waiter);
        }
      }
    }).observe(form, { subtree: true, childList: true, characterData: true });
  };

  /**
   * 6. Second page: mark the link to click, note the click's timeStamp, and
   * time until `readySelector` matches; a reload would lose window.__bench.
   */
  bench.armNavigation = (href, readySelector, formSelector) => {
    const links = [...document.querySelectorAll("nav.md-nav--primary a.md-nav__link[href]")];
    const link = links.find((candidate) => candidate.href.split("#")[0] === href);
    if (!link) return false;
    link.dataset.benchTarget = "";
    window.__notReloaded = true;
    const state = (bench.navigation = { clicked: null, inserted: null, ready: null, url: null });
    document.addEventListener("click", (event) => (state.clicked ??= event.timeStamp), { capture: true, once: true });
    const watcher = new MutationObserver(() => {
      if (state.clicked !== null && state.inserted === null && document.querySelector(formSelector)) state.inserted = now();
      if (state.clicked !== null && document.querySelector(readySelector)) {
        state.ready = now();
        state.url = location.href;
        watcher.disconnect();
      }
    });
    watcher.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
    return true;
  };
})();
