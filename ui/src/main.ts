import "@fontsource-variable/inter";
import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";
import { notify } from "./lib/notices.svelte";

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

// A bug in a screen must not fail silently: say so, so the person knows the
// window is not showing the whole truth and can report it.
function reportUnexpected(detail: unknown) {
  const text = detail instanceof Error ? detail.message : String(detail);
  notify("error", `Something went wrong on this screen: ${text}`);
}
window.addEventListener("error", (event) => reportUnexpected(event.error ?? event.message));
window.addEventListener("unhandledrejection", (event) => reportUnexpected(event.reason));

export default mount(App, { target });
