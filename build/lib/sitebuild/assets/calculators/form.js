/**
 * One calculator form: reads its inputs, asks Python, shows results and field
 * errors. It only writes text and attributes: markup and words come from the
 * build (sitebuild/templates/calculator.html).
 */
import { recompute as recomputeInPython, retryPython, startPython, watchPython } from "./python-client.js";
import { adrSnippet, calculatorLink, copyText } from "./share.js";
import { startWhenWanted } from "./start-when-wanted.js";
import { readState, writeState } from "./url-state.js";

const mounted = new WeakSet();
const start = () => startPython().catch(() => {}); // the state watcher tells the reader

/** The value a control had when the page was built. */
const builtValue = (control) =>
  control.tagName === "SELECT" ? ([...control.options].find((option) => option.defaultSelected)?.value ?? "") : control.defaultValue;

/** Put a raw value (from a URL or a preset) into a control. A yes/no select
 * picks the option that lists the value among its spellings (the schema's,
 * written by the build); any other value leaves it blank, which Python then
 * reports in the field's own words. */
function setValue(control, raw) {
  if (control.tagName !== "SELECT") {
    control.value = raw;
    return;
  }
  const word = raw.trim().toLowerCase();
  const option = [...control.options].find((item) => item.dataset.spellings.split(" ").includes(word));
  control.value = option?.value ?? "";
}

/** A control shows a preset's value: the same text, or the same number. */
const showsValue = (control, text) => control.value.trim() === text || Number(control.value) === Number(text);

/** Mount a form, once. */
export function mountForm(form) {
  if (mounted.has(form)) return;
  mounted.add(form);
  const inputs = [...form.querySelectorAll("input[name], select[name]")];
  const names = inputs.map((input) => input.name);
  const presets = [...form.querySelectorAll("button[data-preset]")];
  const presetValues = new Map(presets.map((button) => [button, JSON.parse(button.dataset.values)]));
  const part = (role) => form.querySelector(`[data-role="${role}"]`);
  const [status, stale, citation] = ["status", "stale", "citation"].map(part);
  const retryButton = form.querySelector('[data-action="retry"]');
  let latest = 0;
  let shownFor = Object.fromEntries(inputs.map((input) => [input.name, builtValue(input)])); // the results' inputs
  let live = false; // Python is ready: new results follow an edit within a frame
  let lost = false; // the latest call had no answer: its Python failed or was retried
  let refused = false; // "Copy for ADR" said why it copied nothing

  const markStale = (why) => {
    stale.hidden = !why; // why: "invalid", "outdated" or ""
    stale.textContent = why && stale.dataset[why];
    part("results").classList.toggle("st-calc__results--stale", Boolean(why));
  };

  const resultsMatchInputs = () => inputs.every((input) => input.value.trim() === shownFor[input.name].trim());
  // Until Python can answer, results for other inputs say so.
  const markOutdated = () => live || markStale(resultsMatchInputs() ? "" : "outdated");

  const setState = (state, detail) => {
    live = state === "ready";
    form.dataset.state = state === "slow" ? "loading" : state;
    status.textContent = [status.dataset[state], detail && status.getAttribute(`data-why-${detail}`)].filter(Boolean).join(" ");
    retryButton.hidden = state !== "error" && state !== "slow";
    markOutdated();
    if (live && lost) recompute();
  };

  // Presets may set different inputs (a function's price, a server's price),
  // so every preset whose values the form shows is in effect, and cited.
  const activePresets = () =>
    presets.filter((button) => {
      const values = presetValues.get(button);
      return inputs.every((input) => !(input.name in values) || showsValue(input, values[input.name]));
    });

  const showPreset = () => {
    const active = activePresets();
    for (const button of presets) button.setAttribute("aria-pressed", String(active.includes(button)));
    if (!citation) return;
    citation.hidden = !active.length;
    citation.textContent = active.map((button) => `${button.textContent}: ${button.dataset.citation}`).join("\n");
  };

  const showResult = (result, raw) => {
    const messages = new Map(result.errors.map((error) => [error.input, error.message]));
    for (const input of inputs) {
      const message = messages.get(input.name) ?? "";
      form.querySelector(`[data-error-for="${input.name}"]`).textContent = message;
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
    markStale(messages.size ? "invalid" : "");
    if (!result.ok) return;
    shownFor = raw;
    if (refused) part("copied").textContent = ""; // its reason is gone
    refused = false;
    for (const output of form.querySelectorAll("output[name]")) {
      const value = result.outputs[output.name];
      if (!value) continue;
      output.textContent = value.text;
      output.dataset.value = String(value.value ?? ""); // no value (None): empty
    }
    form.dispatchEvent(new CustomEvent("calculator:result", { detail: result }));
  };

  const recompute = async () => {
    const call = ++latest;
    const raw = Object.fromEntries(inputs.map((input) => [input.name, input.value]));
    const result = await recomputeInPython(form, form.dataset.calculator, raw).catch(() => null);
    if (call !== latest) return;
    lost = !result;
    if (result) showResult(result, raw);
  };

  const changed = () => {
    markOutdated();
    writeState(form.id, inputs);
    showPreset();
    recompute();
  };

  const stopWatching = watchPython((state, detail) => (form.isConnected ? setState(state, detail) : stopWatching()));

  for (const button of presets) {
    button.addEventListener("click", () => {
      const values = presetValues.get(button);
      for (const input of inputs) if (input.name in values) setValue(input, values[input.name]);
      changed();
    });
  }
  form.addEventListener("input", (event) => names.includes(event.target.name) && changed());
  form.addEventListener("submit", (event) => event.preventDefault());
  retryButton.addEventListener("click", () => retryPython().catch(() => {})); // lost calls are asked again when ready
  // A record never pairs inputs with results that are not theirs.
  const adrText = () => resultsMatchInputs() && adrSnippet(form, inputs, activePresets());
  for (const [action, text] of [["copy-link", () => calculatorLink(form, inputs)], ["copy-adr", adrText]]) {
    form.querySelector(`[data-action="${action}"]`).addEventListener("click", async () => {
      const copying = text();
      refused = !copying;
      part("copied").textContent = copying ? await copyText(copying) : `Not copied: ${stale.textContent || stale.dataset.pending}`;
    });
  }

  const state = Object.entries(readState(form.id, names));
  for (const [name, raw] of state) setValue(inputs[names.indexOf(name)], raw);
  showPreset();
  if (state.length) {
    markOutdated();
    recompute();
    return;
  }
  startWhenWanted(form, start);
}
