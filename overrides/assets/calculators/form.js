/**
 * One calculator form: reads its inputs, asks Python, shows results and
 * field errors. All it writes into the page is text and attributes; the
 * form's markup comes from the build (overrides/partials/calculator.html).
 */
import { evaluate, retryPython, startPython, watchPython } from "./python.js";
import { adrSnippet, calculatorLink, copyText } from "./share.js";
import { hasState, readState, writeState } from "./url-state.js";

const STATUS = {
  static: "Computed when this page was built. Edit any field to recompute.",
  loading: "Loading Python in your browser; keep editing.",
  ready: "Live: results recompute as you type.",
  slow: "Python is taking longer than usual to load (a slow network?). The results shown were computed when the page was built: keep waiting, or retry.",
  error: "Python could not be loaded in your browser, so results cannot update; those shown were computed when the page was built.",
};

const STALE = {
  invalid: "These results are for the last valid inputs. Fix the field marked above to update them.",
  outdated: "These results are not for the inputs shown above: they were computed when the page was built.",
};

const mounted = new WeakSet();

export function mountForm(form) {
  if (mounted.has(form)) return;
  mounted.add(form);
  const inputs = [...form.querySelectorAll("input[name]")];
  const names = inputs.map((input) => input.name);
  const presets = [...form.querySelectorAll("button[data-preset]")];
  const part = (role) => form.querySelector(`[data-role="${role}"]`);
  const retryButton = form.querySelector('[data-action="retry"]');
  let latest = 0;
  let resultsMatchInputs = true;

  const setState = (state, detail = "") => {
    form.dataset.state = state === "slow" ? "loading" : state; // "slow" is still loading
    part("status").textContent = detail ? `${STATUS[state]} ${detail}` : STATUS[state];
    retryButton.hidden = state !== "error" && state !== "slow";
    if ((state === "error" || state === "slow") && !resultsMatchInputs) markStale(STALE.outdated);
  };

  const activePreset = () =>
    presets.find((button) => {
      const values = JSON.parse(button.dataset.values);
      return inputs.every((input) => !(input.name in values) || Number(input.value) === Number(values[input.name]));
    });

  const showPreset = () => {
    const active = activePreset();
    for (const button of presets) button.setAttribute("aria-pressed", String(button === active));
    const citation = part("citation");
    if (!citation) return;
    citation.hidden = !active;
    citation.textContent = active ? `${active.textContent}: ${active.dataset.citation}` : "";
  };

  const showErrors = (errors) => {
    const messages = new Map(errors.map((error) => [error.input, error.message]));
    for (const input of inputs) {
      const message = messages.get(input.name) ?? "";
      form.querySelector(`[data-error-for="${input.name}"]`).textContent = message;
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
    markStale(errors.length > 0 ? STALE.invalid : "");
  };

  const markStale = (why) => {
    part("stale").hidden = !why;
    part("stale").textContent = why;
    part("results").classList.toggle("st-calc__results--stale", Boolean(why));
  };

  const showResult = (result) => {
    showErrors(result.errors);
    if (!result.ok) return;
    resultsMatchInputs = true;
    for (const output of form.querySelectorAll("output[name]")) {
      const value = result.outputs[output.name];
      if (!value) continue;
      output.textContent = value.text;
      output.dataset.value = String(value.value);
    }
    form.dispatchEvent(new CustomEvent("calculator:result", { detail: result }));
  };

  const recompute = async () => {
    const call = ++latest;
    const raw = Object.fromEntries(inputs.map((input) => [input.name, input.value]));
    try {
      const result = await evaluate(form.dataset.calculator, raw);
      if (call === latest) showResult(result);
    } catch {
      /* The state watcher already tells the reader what went wrong. */
    }
  };

  const changed = () => {
    resultsMatchInputs = false;
    writeState(form.id, inputs);
    showPreset();
    recompute();
  };

  const stopWatching = watchPython((state, detail) => {
    if (!form.isConnected) return stopWatching();
    setState(state, detail);
  });

  for (const button of presets) {
    button.addEventListener("click", () => {
      const values = JSON.parse(button.dataset.values);
      for (const input of inputs) if (input.name in values) input.value = values[input.name];
      changed();
    });
  }
  form.addEventListener("input", (event) => {
    if (names.includes(event.target.name)) changed();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("focusin", () => startPython().catch(() => {}), { once: true });
  retryButton.addEventListener("click", () => {
    retryPython().then(recompute, () => {});
  });
  form.querySelector('[data-action="copy-link"]').addEventListener("click", async () => {
    part("copied").textContent = await copyText(calculatorLink(form, inputs));
  });
  form.querySelector('[data-action="copy-adr"]').addEventListener("click", async () => {
    part("copied").textContent = await copyText(adrSnippet(form, inputs, activePreset()));
  });

  for (const role of ["presets", "actions"]) if (part(role)) part(role).hidden = false;
  showPreset();

  if (hasState(form.id, names)) {
    for (const [name, raw] of Object.entries(readState(form.id, names))) {
        inputs[names.indexOf(name)].value = raw;
    }
    resultsMatchInputs = false;
    showPreset();
    recompute();
  } else {
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          startPython().catch(() => {});
        }
      },
      { rootMargin: "300px" },
    );
    observer.observe(form);
  }
}
