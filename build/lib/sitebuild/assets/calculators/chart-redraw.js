/**
 * Redraws a chart after each recompute with the geometry the result carries
 * (calculators.recompute draws it as calculators.chart drew it at build time):
 * only attributes and text go into the elements marked data-part, no markup
 * is made from Python or the URL.
 */
function paint(root, parts) {
  for (const [name, part] of Object.entries(parts)) {
    const element = root.querySelector(`[data-part="${name}"]`);
    if (!element) continue;
    for (const [key, value] of Object.entries(part.attrs ?? {})) element.setAttribute(key, value);
    if (part.text !== undefined) element.textContent = part.text;
    part.cells?.forEach((text, index) => (element.cells[index].textContent = text));
  }
}

function redraw({ target: form, detail: result }) {
  const figure = form.querySelector('[data-role="chart"]');
  const geometry = result.chart;
  if (!figure || !geometry?.ok) return;
  paint(figure, geometry.parts);
  for (const panel of geometry.panels) paint(figure.querySelector(`[data-panel="${panel.name}"]`), panel.parts);
}

// calculator:result does not bubble; capturing reaches every form.
document.addEventListener("calculator:result", redraw, true);
