import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { notices } from "../lib/notices.svelte";
import { partnershipView } from "../wizard/fixtures";
import Pipeline from "./Pipeline.svelte";

afterEach(() => {
  clearMocks();
  notices.splice(0);
});

describe("Pipeline", () => {
  it("puts each partnership in its status column and refuses 'agreed' with the app's reason", async () => {
    const open = partnershipView("Chloé Martin", "negotiating", [
      { step: "compensation", message: "No kill fee (enter 0 if there is none)." },
    ]);
    const done = partnershipView("Sofía Herrera", "agreed");
    mockIPC((cmd) => {
      if (cmd === "list_partnerships") return [open, done];
      if (cmd === "move_partnership") {
        throw { kind: "invalid_input", message: "It cannot be marked agreed yet: No kill fee.", fields: [] };
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(Pipeline);

    const negotiating = await screen.findByRole("region", { name: "Negotiating" });
    expect(within(negotiating).getByText("Chloé Martin")).toBeInTheDocument();
    expect(within(negotiating).getByText("1 undefined")).toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: "Agreed" })).getByText("Sofía Herrera")).toBeInTheDocument();

    const move = screen.getByLabelText("Move Chloé Martin to") as HTMLSelectElement;
    await userEvent.selectOptions(move, "agreed");
    await waitFor(() => expect(notices.map((n) => n.text)).toContain("It cannot be marked agreed yet: No kill fee."));
    // The card stays where the rule keeps it.
    expect(move.value).toBe("negotiating");
  });
});
