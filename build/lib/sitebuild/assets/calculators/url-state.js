/**
 * Calculator state in the URL, `?BLOCK.INPUT=VALUE`, a contract ADR links rely
 * on. Values only go into input fields as strings, for Python to judge.
 */

/** The address's raw values for the block's inputs (the last of repeats). */
export function readState(blockId, names) {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const name of names) {
    const value = params.getAll(`${blockId}.${name}`).pop();
    if (value !== undefined) state[name] = value;
  }
  return state;
}

/** The URL with every input of the block, defaults too: a link keeps its
 * numbers when a page's defaults change later. */
export function urlWithState(blockId, inputs) {
  const url = new URL(location.href);
  for (const input of inputs) url.searchParams.set(`${blockId}.${input.name}`, input.value.trim());
  return url;
}

/** The address bar follows the form, without adding history entries. */
export function writeState(blockId, inputs) {
  const url = urlWithState(blockId, inputs);
  if (url.href !== location.href) history.replaceState(history.state, "", url);
}
