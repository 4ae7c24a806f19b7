import { describe, expect, it } from "vitest";
import { actionFor, menuAction, screenOrder } from "./shortcuts";

function key(key: string, init: KeyboardEventInit = {}, target?: HTMLElement): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { key, ...init });
  if (target) Object.defineProperty(event, "target", { value: target });
  return event;
}

describe("actionFor", () => {
  it("maps the main actions with Ctrl or ⌘", () => {
    expect(actionFor(key("o", { ctrlKey: true }))).toEqual({ kind: "import" });
    expect(actionFor(key("N", { metaKey: true, shiftKey: true }))).toEqual({ kind: "new-partnership" });
    expect(actionFor(key("f", { ctrlKey: true }))).toEqual({ kind: "search" });
    expect(actionFor(key("e", { ctrlKey: true }))).toEqual({ kind: "export" });
    expect(actionFor(key("3", { ctrlKey: true }))).toEqual({ kind: "go", screen: "campaigns" });
    expect(actionFor(key("5", { ctrlKey: true }))).toEqual({ kind: "go", screen: "payments" });
    expect(actionFor(key("6", { ctrlKey: true }))).toEqual({ kind: "go", screen: "calendar" });
    expect(actionFor(key("8", { metaKey: true }))).toEqual({ kind: "go", screen: "settings" });
    expect(actionFor(key("9", { ctrlKey: true }))).toBeNull();
  });

  it("leaves plain typing alone and opens help with F1 anywhere, ? outside fields", () => {
    expect(actionFor(key("o"))).toBeNull();
    expect(actionFor(key("o", { ctrlKey: true, altKey: true }))).toBeNull();
    expect(actionFor(key("F1"))).toEqual({ kind: "help" });
    expect(actionFor(key("?", {}, document.createElement("div")))).toEqual({ kind: "help" });
    expect(actionFor(key("?", {}, document.createElement("textarea")))).toBeNull();
    expect(actionFor(key("?", {}, document.createElement("input")))).toBeNull();
  });
});

it("maps every menu bar item the app sends to the same action as its shortcut", () => {
  expect(menuAction("import")).toEqual({ kind: "import" });
  expect(menuAction("new-partnership")).toEqual({ kind: "new-partnership" });
  expect(menuAction("search")).toEqual({ kind: "search" });
  expect(menuAction("export")).toEqual({ kind: "export" });
  expect(menuAction("help")).toEqual({ kind: "help" });
  expect(menuAction("about")).toEqual({ kind: "about" });
  for (const screen of screenOrder) expect(menuAction(`go:${screen}`)).toEqual({ kind: "go", screen });
  expect(menuAction("go:nowhere")).toBeNull();
  expect(menuAction("quit")).toBeNull();
});
