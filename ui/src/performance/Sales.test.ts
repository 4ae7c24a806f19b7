import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { HeldOrdersFile } from "../bindings";
import { notices } from "../lib/notices.svelte";
import { dashboard } from "./fixtures";
import Performance from "./Performance.svelte";

afterEach(() => {
  clearMocks();
  notices.splice(0);
});

const held: HeldOrdersFile = {
  token: 7,
  file: {
    file: "orders_export_1.csv",
    shop: "shopify",
    source: "Shopify orders export",
    encoding: "UTF-8",
    delimiter: ",",
    header: ["Name", "Total", "Discount Code", "Created at"],
    mapping: ["number", "total", "codes", "placed"],
    orders: [],
    rejected: [{ line: 10, reason: "Created at 'next week' is not a date Partnerly reads; order #1008 is left out" }],
    warnings: [{ line: 9, column: "Total", reason: "'#REF!' is not an amount; order #1007 counts as a conversion without revenue" }],
    currency_assumed: null,
    matches: [
      { code: "MARA10", partnership_id: "p-mara", creator: "Mara Costa", campaign: "Spring", orders: 2, revenue: [{ minor: 13040, currency: "EUR" }] },
    ],
    unknown_codes: [{ code: "WELCOME10", orders: 1 }],
    without_code: 1,
    not_counted: 1,
    already_stored: 0,
  },
};

describe("Sales by discount code", () => {
  it("previews an order export with what each code brings, imports it and shows the attributed sales", async () => {
    let imported = false;
    held.file.orders = Array.from({ length: 7 }, (_, i) => ({
      shop: "shopify" as const,
      number: `#100${i + 1}`,
      placed_on: "2026-12-01",
      total: { minor: 4590, currency: "EUR" },
      codes: [],
      status: "paid",
      imported_at: "2026-12-03T10:00:00Z",
      filed_under: "",
    }));
    mockIPC((cmd) => {
      if (cmd === "campaign_dashboard") {
        const view = dashboard(null);
        if (imported) {
          view.sales = [
            {
              partnership_id: "p-mara",
              creator: "Mara Costa",
              code: "MARA10",
              orders: 2,
              revenue: [{ minor: 13040, currency: "EUR" }],
              first_order: "2026-12-01",
              last_order: "2026-12-02",
              problem: null,
            },
          ];
        }
        return view;
      }
      if (cmd === "choose_orders_file") return held;
      if (cmd === "import_orders_file") {
        imported = true;
        return { added: 7, updated: 0, attributed: 2 };
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(Performance, { campaignId: "campaign-1", onback: () => {} });
    const panel = await screen.findByRole("region", { name: "Sales by discount code" });
    expect(within(panel).getByText(/No creator in this campaign has a discount code yet/)).toBeInTheDocument();
    expect(within(panel).getByText(/^Attributed by discount code:/)).toBeInTheDocument();

    await userEvent.click(within(panel).getByRole("button", { name: "Import shop orders…" }));
    const dialog = await screen.findByRole("dialog", { name: "Import orders from orders_export_1.csv" });
    const row = within(dialog).getByText("MARA10").closest("tr")!;
    expect(within(row).getByText("Mara Costa")).toBeInTheDocument();
    expect(within(dialog).getByText(/codes no partnership carries: WELCOME10 \(1\)/)).toBeInTheDocument();
    expect(within(dialog).getByText(/Line 9, Total: '#REF!' is not an amount/)).toBeInTheDocument();
    expect(within(dialog).getByText(/Line 10: Created at 'next week'/)).toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole("button", { name: "Import 7 orders" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(notices.at(-1)?.text).toBe("Imported 7 orders; 2 attributed by discount code.");
    const sales = await within(panel).findByText("MARA10");
    expect(within(sales.closest("tr")!).getByText("2")).toBeInTheDocument();
  });
});
