/**
 * Calculator state in the URL, `?BLOCK.INPUT=VALUE`: a public contract that
 * ADR links rely on. Values are only read as strings into input fields, for
 * the schema (in Python) to judge; keys of other blocks are left alone.
 */

/** The raw values the address gives for this block's inputs (the last of repeats). */
export function readState(blockId, names) {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const name of names) {
    const value = params.getAll(`${blockId}.${name}`).pop();
    if (value !== undefined) state[name] = value;
  }
  return state;
}

/** The current URL with those of the block's inputs that differ from their defaults. */
export function urlWithState(blockId, inputs) {
  const url = new URL(location.href);
  for (const input of inputs) {
    const key = `${blockId}.${input.name}`;
    url.searchParams.delete(key);
    if (input.value.trim() !== input.defaultValue) url.searchParams.set(key, input.value.trim());
  }
  return url;
}

/** Keep the address bar in step with the form, without adding history entries. */
export function writeState(blockId, inputs) {
  const url = urlWithState(blockId, inputs);
  if (url.href !== location.href) history.replaceState(history.state, "", url);
}
