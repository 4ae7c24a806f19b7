// The keyboard shortcuts for the main actions, in one list: the window's key
// handler reads it, and the help overlay shows it, so the two never disagree.

import type { Screen } from "./navigation.svelte";

export type Action =
  | { kind: "import" }
  | { kind: "new-partnership" }
  | { kind: "search" }
  | { kind: "export" }
  | { kind: "help" }
  | { kind: "about" }
  | { kind: "go"; screen: Screen };

export const screenOrder: Screen[] = [
  "roster",
  "brands",
  "campaigns",
  "partnerships",
  "payments",
  "calendar",
  "disclosure",
  "settings",
];

/** Ctrl on Linux and Windows, ⌘ on macOS. */
export const modifier = typeof navigator !== "undefined" && /Mac/.test(navigator.platform) ? "⌘" : "Ctrl";

export const shortcutList: { keys: string; what: string }[] = [
  { keys: `${modifier}+O`, what: "Import a CSV of creators" },
  { keys: `${modifier}+N`, what: "Start a new partnership" },
  { keys: `${modifier}+F`, what: "Search the roster" },
  { keys: `${modifier}+E`, what: "Export the whole workspace to a JSON file" },
  {
    keys: `${modifier}+1 … ${modifier}+8`,
    what: "Go to Roster, Brands, Campaigns, Partnerships, Payments, Calendar, Check a caption, Settings",
  },
  { keys: "F1 or ?", what: "Show these shortcuts" },
  { keys: "Esc", what: "Close a dialog" },
];

/** Whether the key goes to a field the person is typing in. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** The action a key press asks for, if any. */
export function actionFor(event: KeyboardEvent): Action | null {
  const command = event.ctrlKey || event.metaKey;
  if (event.key === "F1") return { kind: "help" };
  if (event.key === "?" && !command && !typing(event.target)) return { kind: "help" };
  if (!command || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === "o") return { kind: "import" };
  if (key === "n") return { kind: "new-partnership" };
  if (key === "f") return { kind: "search" };
  if (key === "e") return { kind: "export" };
  const n = Number(event.key);
  if (Number.isInteger(n) && n >= 1 && n <= screenOrder.length) return { kind: "go", screen: screenOrder[n - 1] };
  return null;
}

/** The action of a menu bar item (macOS), by the id the app sends in
 * `menu-action` (see `src-tauri/app/menu.rs`). */
export function menuAction(id: string): Action | null {
  if (id.startsWith("go:")) {
    const screen = id.slice(3) as Screen;
    return screenOrder.includes(screen) ? { kind: "go", screen } : null;
  }
  switch (id) {
    case "import":
    case "new-partnership":
    case "search":
    case "export":
    case "help":
    case "about":
      return { kind: id };
    default:
      return null;
  }
}
