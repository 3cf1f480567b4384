/**
 * "Copy link" and "Copy for ADR": what a reader pastes into an architecture
 * decision record. Both read what the form shows, so they work with the
 * pre-rendered results before Python has started.
 */
import { urlWithState } from "./url-state.js";

/** The heading (with a stable id) of the section this form sits in. */
export function sectionHeading(form) {
  const headings = document.querySelectorAll("article h2[id], article h3[id], article h4[id]");
  let found = null;
  for (const heading of headings) {
    if (heading.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING) found = heading;
  }
  return found;
}

function headingText(heading) {
  const copy = heading.cloneNode(true);
  copy.querySelectorAll(".headerlink").forEach((link) => link.remove());
  return copy.textContent.trim();
}

/** The link to this calculator with its inputs, at its section's anchor. */
export function calculatorLink(form, inputs) {
  const url = urlWithState(form.id, inputs);
  const heading = sectionHeading(form);
  url.hash = heading ? heading.id : form.id;
  return url.href;
}

const cell = (text) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();

/** A Markdown snippet: section, inputs and results with units, preset, link, date. */
export function adrSnippet(form, inputs, preset) {
  const heading = sectionHeading(form);
  const title = heading ? headingText(heading) : form.querySelector(".st-calc__title").textContent;
  const lines = [`#### ${cell(title)} (The Sidecar Tax)`, "", "| Input | Value |", "| --- | --- |"];
  for (const input of inputs) {
    const label = form.querySelector(`label[for="${input.id}"]`);
    lines.push(`| ${cell(label.textContent)} | ${cell(input.value)} |`);
  }
  lines.push("", "| Result | Value |", "| --- | --- |");
  for (const output of form.querySelectorAll("output[name]")) {
    const label = document.getElementById(output.getAttribute("aria-labelledby"));
    lines.push(`| ${cell(label.textContent)} | ${cell(output.textContent)} |`);
  }
  lines.push("");
  if (preset) lines.push(`Preset: ${cell(preset.textContent)}. ${cell(preset.dataset.citation)}`, "");
  lines.push(`Link: <${calculatorLink(form, inputs)}>`, "");
  lines.push(`Retrieved: ${new Date().toISOString().slice(0, 10)}`);
  return `${lines.join("\n")}\n`;
}

/** The pre-Clipboard-API way, for pages served over plain HTTP. */
function copyWithSelection(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "st-calc__offscreen";
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  return copied;
}

/** Copy text; say plainly when the browser refuses. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return "Copied.";
  } catch {
    return copyWithSelection(text) ? "Copied." : "Your browser blocked copying; the link is in the address bar.";
  }
}
