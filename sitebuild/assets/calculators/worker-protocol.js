/**
 * The messages between the page (python-client.js) and the Python worker
 * (python-worker.js), defined once. Every message is a plain object with a
 * `type`; only plain values cross, never code.
 *
 * page -> worker
 *   {type: "call", id, entry, name, raw}  run calculators.<entry>(name, raw);
 *                                         entry is one of ENTRIES, name a
 *                                         calculator, raw {input: "text"}
 * worker -> page
 *   {type: "ready", start}                Python is up; start is "snapshot"
 *                                         or "normal" (how it started)
 *   {type: "failed", message}             Python cannot start (message: why)
 *   {type: "result", id, result}          the call's JSON-able answer
 *   {type: "result", id, error}           the call raised (message)
 * Calls are answered in the order they were sent.
 */
export const CALL = "call";
export const READY = "ready";
export const FAILED = "failed";
export const RESULT = "result";
/** The Python entry points a call may name (calculators/__init__.py). */
export const ENTRIES = ["evaluate", "chart"];
