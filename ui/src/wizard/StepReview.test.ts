import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { PartnershipView, Step } from "../bindings";
import { partnershipView } from "./fixtures";
import StepReview from "./StepReview.svelte";

afterEach(() => clearMocks());

describe("StepReview", () => {
  it("keeps 'Mark as agreed' disabled while details are undefined, says why, and links each to its step", async () => {
    mockIPC((cmd) => {
      throw new Error(`unexpected command ${cmd}`);
    });
    const visited: Step[] = [];
    const view = partnershipView("Sofía Herrera", "negotiating", [
      { step: "compensation", message: "No kill fee (enter 0 if there is none)." },
      { step: "brief", message: "No review window (business days to answer a draft)." },
    ]);
    render(StepReview, { view, onchanged: () => {}, ongo: (s: Step) => visited.push(s) });

    const agree = screen.getByRole("button", { name: "Mark as agreed" });
    expect(agree).toBeDisabled();
    expect(agree).toHaveAccessibleDescription("Not yet: 2 details are undefined.");
    expect(screen.getByText("2 details still undefined")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Go to Brief and collaboration" }));
    expect(visited).toEqual(["brief"]);
  });

  it("marks a complete partnership agreed through the app", async () => {
    let moved: string | null = null;
    mockIPC((cmd, args) => {
      if (cmd !== "move_partnership") throw new Error(`unexpected command ${cmd}`);
      moved = (args as { status: string }).status;
      return partnershipView("Sofía Herrera", "agreed");
    });
    let changed: PartnershipView | null = null;
    render(StepReview, {
      view: partnershipView("Sofía Herrera", "negotiating"),
      onchanged: (v: PartnershipView) => (changed = v),
      ongo: () => {},
    });
    expect(screen.getByText("Every detail is defined.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Mark as agreed" }));
    await waitFor(() => expect(changed?.partnership.status).toBe("agreed"));
    expect(moved).toBe("agreed");
  });
});
