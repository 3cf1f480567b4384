/**
 * "Copy link" and "Copy for ADR", for architecture decision records. They
 * read what the form shows, so they work before Python has started (form.js
 * copies a record only of results that are for the inputs shown).
 */
import { editionLinks } from "./editions.js";
import { urlWithState } from "./url-state.js";

/** The form's section: the last heading with an id before it. */
function sectionHeading(form) {
  const headings = [...document.querySelectorAll("article :is(h2, h3, h4)[id]")];
  return headings.findLast((heading) => heading.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING);
}

const cell = (text) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();
// A value may come from a link: in the record it is code, never Markdown or HTML.
const code = (text) => `\`${cell(text).replace(/`/g, "'")}\``;

/** The link to this calculator with its inputs, at its section's anchor. */
function stateLink(form, inputs) {
  const url = urlWithState(form.id, inputs);
  url.hash = sectionHeading(form)?.id ?? form.id;
  return url.href;
}

/** Copy link's text; on an edition, the pinned link, then the living one. */
export function calculatorLink(form, inputs) {
  const links = editionLinks(stateLink(form, inputs));
  return links ? `Edition ${links.edition}: ${links.pinned}\nLatest edition: ${links.living}` : stateLink(form, inputs);
}

/** A Markdown snippet: section, inputs and results with units, the presets in effect, link, date. */
export function adrSnippet(form, inputs, presets) {
  const heading = sectionHeading(form)?.cloneNode(true);
  heading?.querySelector(".headerlink")?.remove();
  const lines = [`#### ${cell((heading ?? form.querySelector(".st-calc__title")).textContent)} (The Sidecar Tax)`, ""];
  lines.push("| Input | Value |", "| --- | --- |");
  for (const input of inputs) lines.push(`| ${cell(input.labels[0].textContent)} | ${code(input.value)} |`);
  lines.push("", "| Result | Value |", "| --- | --- |");
  for (const output of form.querySelectorAll("output[name]")) {
    const label = document.getElementById(output.getAttribute("aria-labelledby"));
    lines.push(`| ${cell(label.textContent)} | ${cell(output.textContent)} |`);
  }
  lines.push("");
  for (const preset of presets) lines.push(`Preset: ${cell(preset.textContent)}. ${cell(preset.dataset.citation)}`, "");
  const link = stateLink(form, inputs);
  const links = editionLinks(link);
  if (links) lines.push(`Link (edition ${links.edition}, as read): <${links.pinned}>`, "", `Latest edition: <${links.living}>`);
  else lines.push(`Link: <${link}>`);
  lines.push("", `Retrieved: ${new Date().toISOString().slice(0, 10)}`);
  return `${lines.join("\n")}\n`;
}

/** Copy text, through a selection on plain HTTP (no Clipboard API). */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return "Copied.";
  } catch {
    const area = Object.assign(document.createElement("textarea"), { value: text, readOnly: true });
    area.className = "st-calc__offscreen";
    document.body.append(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    return copied ? "Copied." : "Your browser blocked copying; the link is in the address bar.";
  }
}
