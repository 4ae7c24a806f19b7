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

  it("flags an overdue payment on its card and lists it in This week, but not one paid", async () => {
    const agreed = partnershipView("Aisha Bello", "live");
    const line = (instalment: number, label: string, due: string, overdue: number | null, open: number) => ({
      partnership_id: agreed.partnership.id,
      campaign_id: null,
      campaign: "Spring",
      creator: "Aisha Bello",
      instalment,
      label,
      amount: { minor: 600000, currency: "EUR" },
      due: { date: due, trigger: "date" as const, rule: `on ${due}` },
      invoice: null,
      paid: [],
      paid_minor: 600000 - open,
      open_minor: open,
      status: open === 0 ? ("paid" as const) : ("part_paid" as const),
      overdue_days: overdue,
    });
    agreed.payments = [line(0, "On signing", "2020-01-10", 2000, 300000), line(1, "On delivery", "2020-02-01", null, 0)];
    mockIPC((cmd) => {
      if (cmd === "list_partnerships") return [agreed];
      throw new Error(`unexpected command ${cmd}`);
    });
    render(Pipeline);

    const live = await screen.findByRole("region", { name: "Live" });
    expect(within(live).getByText("Payment overdue: On signing, €3,000.00, due Jan 10, 2020")).toBeInTheDocument();
    const week = screen.getByRole("region", { name: "This week" });
    const items = within(week).getAllByRole("listitem");
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent("Aisha Bello · Payment: On signing, €3,000.00 open");
    expect(items[0]).toHaveTextContent("Overdue since Jan 10, 2020");
  });

  it("folds empty and closed columns to strips, and opens a closed one on request", async () => {
    const live = partnershipView("Mara Costa", "live");
    const done = partnershipView("Jonas Weber", "completed");
    mockIPC((cmd) => {
      if (cmd === "list_partnerships") return [live, done];
      throw new Error(`unexpected command ${cmd}`);
    });
    render(Pipeline);

    const open = await screen.findByRole("region", { name: "Live" });
    expect(within(open).getByText("Mara Costa")).toBeInTheDocument();
    // Completed holds a card, folded until asked for; empty columns only name themselves.
    expect(screen.queryByText("Jonas Weber")).not.toBeInTheDocument();
    expect(within(screen.getByRole("region", { name: "Prospect" })).queryByRole("button")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Show Completed 1" }));
    expect(within(screen.getByRole("region", { name: "Completed" })).getByText("Jonas Weber")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Fold Completed" }));
    expect(screen.queryByText("Jonas Weber")).not.toBeInTheDocument();
  });
});
