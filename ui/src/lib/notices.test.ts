import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { notices, notify } from "./notices.svelte";

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  notices.splice(0);
  vi.useRealTimers();
});

const shown = () => notices.map((n) => `${n.tone}: ${n.text}${n.count > 1 ? ` ×${n.count}` : ""}`);

describe("notices", () => {
  it("counts a repeated message up instead of stacking it, and shows it longer", () => {
    notify("error", "The data folder is locked.");
    vi.advanceTimersByTime(6000);
    notify("error", "The data folder is locked.");
    notify("error", "The data folder is locked.");
    expect(shown()).toEqual(["error: The data folder is locked. ×3"]);
    // Eight seconds from the last repeat, not from the first.
    vi.advanceTimersByTime(6000);
    expect(shown()).toHaveLength(1);
    vi.advanceTimersByTime(2500);
    expect(shown()).toEqual([]);
  });

  it("keeps only the latest success and at most three errors", () => {
    for (const n of [1, 2, 3, 4, 5]) notify("success", `Saved ${n}.`);
    expect(shown()).toEqual(["success: Saved 5."]);
    for (const n of [1, 2, 3, 4]) notify("error", `Failed ${n}.`);
    expect(shown()).toEqual(["success: Saved 5.", "error: Failed 2.", "error: Failed 3.", "error: Failed 4."]);
    vi.advanceTimersByTime(3600);
    expect(shown()).toEqual(["error: Failed 2.", "error: Failed 3.", "error: Failed 4."]);
  });
});
