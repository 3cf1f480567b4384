/**
 * When a form starts Python. Its results were computed at build time, so a
 * reader who only reads never pays for Python (about 20 MB with the
 * snapshot): it starts on the reader's intent, as a pointer comes over the
 * form, a finger touches it, or a control gets focus. A site on a fast
 * network may start it as the form nears the screen instead
 * (the sidecar-tax plugin option start: viewport). A reader who asks to save data
 * (Save-Data) starts it only by focusing or editing a field, in either mode.
 * Edits, presets and calculator state in the URL start it through evaluate().
 */
import config from "./config.js";

const savesData = () => navigator.connection?.saveData === true;

/** Call start() once, when this form is wanted. */
export function startWhenWanted(form, start) {
  const intents = savesData() ? ["focusin"] : ["focusin", "pointerover", "pointerdown"];
  let observer = null;
  const once = () => {
    for (const type of intents) form.removeEventListener(type, once);
    observer?.disconnect();
    start();
  };
  for (const type of intents) form.addEventListener(type, once, { passive: true });
  if (config.start !== "viewport" || savesData()) return;
  observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && once(), {
    rootMargin: "300px",
  });
  observer.observe(form);
}
