/**
 * The messages between the page (python-client.js) and the Python worker
 * (python-worker.js), defined here and nowhere else. Every message is a plain
 * object with a `type`; only plain values cross, never code.
 *
 * page -> worker
 *   {type: "call", id, entry, name, raw}  run calculators.<entry>(name, raw);
 *                                         entry is one of config.js's
 *                                         `entries` (written by Python:
 *                                         "recompute", the result with its
 *                                         chart), name a calculator, raw
 *                                         {input: "text"}
 * worker -> page
 *   {type: "ready", start}                Python is up; start is "snapshot"
 *                                         or "normal" (how it started)
 *   {type: "failed", message}             Python cannot start (message: why)
 *   {type: "result", id, result}          the call's JSON-able answer
 *   {type: "error", id, message}          the call was refused (unknown type
 *                                         or entry) or raised (message: why)
 * Every call gets exactly one "result" or "error", in the order sent, once
 * Python is up; if it never comes up, "failed" ends every call.
 */
export const CALL = "call";
export const READY = "ready";
export const FAILED = "failed";
export const RESULT = "result";
export const ERROR = "error";
