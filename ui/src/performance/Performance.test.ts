import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { notices } from "../lib/notices.svelte";
import { dashboard, post } from "./fixtures";
import Performance from "./Performance.svelte";

afterEach(() => {
  clearMocks();
  notices.splice(0);
});

describe("Performance", () => {
  it("shows KPIs with their working, missing ones with the reason, pace and the app's charts", async () => {
    const calls: Record<string, unknown>[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "campaign_dashboard") {
        calls.push(args as Record<string, unknown>);
        return dashboard((args as { scope: string | null }).scope);
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(Performance, { campaignId: "campaign-1", onback: () => {} });

    expect(await screen.findByRole("heading", { name: "Spring oat barista launch" })).toBeInTheDocument();
    const ctr = screen.getByText("CTR").closest("tr")!;
    expect(within(ctr).getByText("–")).toBeInTheDocument();
    expect(within(ctr).getByText("no link clicks recorded")).toBeInTheDocument();
    const er = screen.getByText("Engagement rate (by reach)").closest("tr")!;
    expect(within(er).getByText("engagement_rate formula = engagement_rate worked")).toBeInTheDocument();
    expect(screen.getByText("Behind")).toBeInTheDocument();
    expect(screen.getByText("4 % of the reach target with 53 % of the time left")).toBeInTheDocument();
    expect(screen.getByRole("meter", { name: "reach: share of target" })).toHaveAttribute("aria-valuenow", "4");
    const chart = screen.getByRole("img", { name: "Reach and views over time. Reach 58,500 by 29 Nov 2026." });
    expect(chart.querySelector("svg")).not.toBeNull();

    await userEvent.selectOptions(screen.getByLabelText("Show"), "Mara Costa");
    expect(await screen.findByRole("heading", { name: "Mara Costa in Spring oat barista launch" })).toBeInTheDocument();
    expect(calls.at(-1)).toEqual({ campaignId: "campaign-1", scope: "p-mara" });
  });

  it("shows what is paid so far beside what the agreements commit, per currency", async () => {
    mockIPC((cmd) => {
      if (cmd === "campaign_dashboard") {
        return {
          ...dashboard(null),
          payments: [
            { currency: "EUR", agreed_minor: 2530000, paid_minor: 690000, open_minor: 1840000, overdue_minor: 575000 },
            { currency: "USD", agreed_minor: 100000, paid_minor: 0, open_minor: 100000, overdue_minor: 0 },
          ],
        };
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(Performance, { campaignId: "campaign-1", onback: () => {} });

    const paid = await screen.findByLabelText("Paid so far");
    expect(paid).toHaveTextContent(
      "Fees paid so far €6,900.00 of €25,300.00 committed, €5,750.00 overdue · Fees paid so far $0.00 of $1,000.00 committed",
    );
  });

  it("saves a day of figures from the grid and marks the cell the app refused", async () => {
    const saved: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "campaign_dashboard") return dashboard();
      if (cmd === "metric_readings") return [{ post, values: { of: { views: 70000 } } }];
      if (cmd === "save_metric_readings") {
        saved.push(args);
        const rows = (args as { rows: { values: Record<string, string> }[] }).rows;
        if (rows[0].values.likes === "lots") {
          throw {
            kind: "invalid_input",
            message: "Mara Costa · TikTok short video · 26 Nov 2026: likes 'lots' is not a number.",
            fields: [{ field: "rows.0.likes", message: "likes 'lots' is not a number." }],
          };
        }
        return 1;
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(Performance, { campaignId: "campaign-1", onback: () => {} });
    await userEvent.click(await screen.findByRole("button", { name: "Enter figures" }));

    const views = await screen.findByLabelText("Views, Mara Costa, TikTok short video");
    expect(views).toHaveValue("70000");
    const likes = screen.getByLabelText("Likes, Mara Costa, TikTok short video");
    await userEvent.type(likes, "lots");
    await userEvent.click(screen.getByRole("button", { name: "Save figures" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("likes 'lots' is not a number");
    expect(likes).toHaveAttribute("aria-invalid", "true");

    await userEvent.clear(likes);
    await userEvent.type(likes, "5,900");
    await userEvent.click(screen.getByRole("button", { name: "Save figures" }));
    await waitFor(() => expect(notices.map((n) => n.text).join()).toContain("Saved the figures of 1 post"));
    const last = saved.at(-1) as { rows: { values: Record<string, string>; url: string }[] };
    expect(last.rows[0].url).toBe(post.url);
    expect(last.rows[0].values.views).toBe("70000");
    expect(last.rows[0].values.likes).toBe("5,900");
  });

  it("opens a creator's every KPI and keeps the team's notes for the summary", async () => {
    const notesSaved: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "campaign_dashboard") return dashboard();
      if (cmd === "set_summary_notes") {
        notesSaved.push(args);
        return (args as { notes: string }).notes.trim();
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(Performance, { campaignId: "campaign-1", onback: () => {} });
    const creators = await screen.findByRole("region", { name: "Creators" });
    const open = within(creators).getByRole("button", { name: "All KPIs" });
    await userEvent.click(open);
    expect(open).toHaveAttribute("aria-expanded", "true");
    expect(within(creators).getByText("CPM")).toBeInTheDocument();
    expect(within(creators).getByText("no revenue recorded", { selector: "small" })).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText("Notes for the summary"), "Reels beat stories. ");
    await userEvent.click(screen.getByRole("button", { name: "Save notes" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Saved.");
    expect(notesSaved).toEqual([{ campaignId: "campaign-1", notes: "Reels beat stories. " }]);
  });
});
