import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { CalendarEntry, EntryKind } from "../bindings";
import { localToday } from "../collaboration/stages";
import { notices } from "../lib/notices.svelte";
import Calendar from "./Calendar.svelte";
import { monthGrid, shiftMonth } from "./month";

afterEach(() => {
  clearMocks();
  notices.splice(0);
});

const daysFromToday = (n: number) => {
  const d = new Date(`${localToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

function entry(kind: EntryKind, creator: string, on: string, overdue = false): CalendarEntry {
  return {
    uid: `p-${creator}-${kind}-0@partnerly`,
    on,
    kind,
    title: `X: ${kind} of ${creator}`,
    detail: "Spring · detail",
    partnership_id: `p-${creator}`,
    campaign_id: "c-1",
    campaign: "Spring",
    influencer_id: `i-${creator}`,
    creator,
    overdue,
  };
}

describe("Calendar", () => {
  it("lists overdue first, then by day, filters by creator and exports what it shows", async () => {
    const all = [
      entry("payment_due", "Mara Costa", daysFromToday(-3), true),
      entry("go_live", "Sofía Herrera", daysFromToday(2)),
      entry("rights_end", "Jonas Weber", daysFromToday(40)),
    ];
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      const a = args as Record<string, unknown>;
      if (cmd === "list_campaigns") return [];
      if (cmd === "calendar_agenda") {
        asked.push(a.filter);
        const wanted = (a.filter as { influencer_id: string | null }).influencer_id;
        return all.filter((e) => !wanted || e.influencer_id === wanted);
      }
      if (cmd === "export_calendar_ics") {
        asked.push(a);
        return { path: "/home/ana/spring.ics", events: 1 };
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(Calendar);

    const late = await screen.findByRole("region", { name: "Overdue" });
    expect(within(late).getByText("payment_due of Mara Costa")).toBeInTheDocument();
    const regions = screen.getAllByRole("region").map((r) => r.getAttribute("aria-label"));
    expect(regions).toHaveLength(3);

    await userEvent.selectOptions(screen.getByLabelText("Creator"), "Sofía Herrera");
    await waitFor(() => expect(screen.queryByRole("region", { name: "Overdue" })).not.toBeInTheDocument());
    expect(asked.at(-1)).toEqual({ campaign_id: null, influencer_id: "i-Sofía Herrera" });
    await userEvent.click(screen.getByRole("button", { name: "Export .ics…" }));
    expect(asked.at(-1)).toEqual({
      filter: { campaign_id: null, influencer_id: "i-Sofía Herrera" },
      name: "Partnerly: Sofía Herrera",
    });
    expect(notices.map((n) => n.text)).toContain("Exported 1 event(s) to /home/ana/spring.ics.");
  });

  it("shows a month with each entry on its day", async () => {
    const on = daysFromToday(0);
    mockIPC((cmd) => {
      if (cmd === "list_campaigns") return [];
      if (cmd === "calendar_agenda") return [entry("draft_due", "Sofía Herrera", on)];
      throw new Error(`unexpected command ${cmd}`);
    });
    render(Calendar);
    await userEvent.click(await screen.findByRole("radio", { name: "Month" }));
    const cells = screen.getAllByRole("cell");
    const marked = cells.filter((c) => c.textContent?.includes("Draft due · Sofía Herrera"));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toHaveClass("today");
  });
});

describe("month grid", () => {
  it("runs Monday to Sunday and fills the weeks around the month", () => {
    const december = monthGrid("2026-12");
    // 1 December 2026 is a Tuesday.
    expect(december[0][0]).toEqual({ day: "2026-11-30", inMonth: false });
    expect(december[0][1]).toEqual({ day: "2026-12-01", inMonth: true });
    expect(december.at(-1)?.at(-1)).toEqual({ day: "2027-01-03", inMonth: false });
    expect(december.every((w) => w.length === 7)).toBe(true);
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
  });
});
