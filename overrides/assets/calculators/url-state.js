/**
 * Calculator state in the URL: `?BLOCK.INPUT=VALUE`, public API for ADR links.
 * Values are only ever read as strings and written into input fields; the
 * schema (in Python) judges them. Unknown keys are left alone.
 */

/** The raw values the current URL gives for this block's inputs. */
export function readState(blockId, names) {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const name of names) {
    const values = params.getAll(`${blockId}.${name}`);
    if (values.length) state[name] = values[values.length - 1];
  }
  return state;
}

/** Does the URL carry any state for this block? */
export function hasState(blockId, names) {
  return Object.keys(readState(blockId, names)).length > 0;
}

/** The current URL with this block's inputs that differ from their defaults. */
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
