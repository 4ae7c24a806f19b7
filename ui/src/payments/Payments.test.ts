import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { PaymentLine, PaymentsView } from "../bindings";
import { notices } from "../lib/notices.svelte";
import Payments from "./Payments.svelte";

afterEach(() => {
  clearMocks();
  notices.splice(0);
});

function line(creator: string, minor: number, currency: string, overdue: number | null): PaymentLine {
  return {
    partnership_id: `p-${creator}`,
    campaign_id: "c-1",
    campaign: "Spring launch",
    creator,
    instalment: 0,
    label: "On signing",
    amount: { minor, currency },
    due: { date: "2026-11-12", trigger: "signing", rule: "on signing (2026-11-12)" },
    invoice: null,
    paid: [],
    paid_minor: 0,
    open_minor: minor,
    status: "open",
    overdue_days: overdue,
  };
}

function totals(lines: PaymentLine[]): PaymentsView {
  const currencies = [...new Set(lines.map((l) => l.amount.currency))].sort();
  return {
    lines,
    totals: currencies.map((currency) => {
      const mine = lines.filter((l) => l.amount.currency === currency);
      const sum = (f: (l: PaymentLine) => number) => mine.reduce((s, l) => s + f(l), 0);
      return {
        currency,
        agreed_minor: sum((l) => l.amount.minor),
        paid_minor: sum((l) => l.paid_minor),
        open_minor: sum((l) => l.open_minor),
        overdue_minor: sum((l) => (l.overdue_days === null ? 0 : l.open_minor)),
      };
    }),
  };
}

describe("Payments", () => {
  it("lists payments with totals per currency, records a part payment and shows the app's refusal", async () => {
    let jonas = line("Jonas Weber", 390000, "EUR", 21);
    const ines = line("Inês Prado", 100000, "USD", null);
    const calls: Record<string, unknown>[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_campaigns") return [];
      if (cmd === "list_payments") return totals([jonas, ines]);
      if (cmd === "record_payment") {
        const a = args as Record<string, unknown>;
        calls.push(a);
        if (a.amount === "5000") {
          throw { kind: "invalid_input", message: "EUR 5,000.00 is more than the EUR 3,900.00 still open", fields: [] };
        }
        jonas = { ...jonas, status: "part_paid", paid_minor: 100000, open_minor: 290000 };
        return totals([jonas, ines]);
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(Payments);

    const sums = await screen.findByRole("list", { name: "Totals per currency" });
    // Two currencies, two totals: never one sum.
    expect(within(sums).getAllByRole("listitem")).toHaveLength(2);
    expect(within(sums).getByText(/Overdue/)).toBeInTheDocument();
    expect(screen.getByText("21 days overdue")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Record payment to Jonas Weber, On signing" }));
    const form = screen.getByRole("form", { name: "Record a payment" });
    const amount = within(form).getByLabelText("Amount paid (EUR)") as HTMLInputElement;
    expect(amount.value).toBe("3900");
    await userEvent.clear(amount);
    await userEvent.type(amount, "5000");
    await userEvent.click(within(form).getByRole("button", { name: "Record" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent("more than the EUR 3,900.00 still open");

    await userEvent.clear(amount);
    await userEvent.type(amount, "1000");
    await userEvent.type(within(form).getByLabelText("Reference"), "SEPA 4471");
    await userEvent.click(within(form).getByRole("button", { name: "Record" }));
    await waitFor(() => expect(screen.queryByRole("form", { name: "Record a payment" })).not.toBeInTheDocument());
    expect(calls.at(-1)).toMatchObject({ id: "p-Jonas Weber", instalment: 0, amount: "1000", reference: "SEPA 4471" });
    const row = screen.getByText("Jonas Weber").closest("tr") as HTMLElement;
    expect(within(row).getByText("Part paid")).toBeInTheDocument();
    expect(notices.map((n) => n.text)).toContain("Recorded a payment to Jonas Weber.");
  });

  it("withdraws a payment recorded in error only with a reason", async () => {
    const part = { logged_at: "2026-11-20T09:14:02.123456Z", on: "2026-11-20", amount: { minor: 50000, currency: "EUR" }, reference: "SEPA 1", by: "Lena" };
    let jonas: PaymentLine = { ...line("Jonas Weber", 390000, "EUR", null), status: "part_paid", paid: [part], paid_minor: 50000, open_minor: 340000 };
    const calls: Record<string, unknown>[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_campaigns") return [];
      if (cmd === "list_payments") return totals([jonas]);
      if (cmd === "withdraw_payment") {
        const a = args as Record<string, unknown>;
        calls.push(a);
        if (a.reason === "") throw { kind: "invalid_input", message: "say why the payment of EUR 500.00 is withdrawn", fields: [] };
        jonas = { ...jonas, status: "open", paid: [], paid_minor: 0, open_minor: 390000 };
        return totals([jonas]);
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(Payments);

    expect(await screen.findByText("Paid €500.00, Nov 20, 2026, SEPA 1")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /Withdraw the payment of €500.00/ }));
    const form = screen.getByRole("form", { name: "Withdraw a payment" });
    await userEvent.click(within(form).getByRole("button", { name: "Withdraw payment" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent("say why");
    await userEvent.type(within(form).getByLabelText("Why"), "typed the wrong amount");
    await userEvent.click(within(form).getByRole("button", { name: "Withdraw payment" }));
    await waitFor(() => expect(screen.queryByRole("form", { name: "Withdraw a payment" })).not.toBeInTheDocument());
    expect(calls.at(-1)).toMatchObject({ id: "p-Jonas Weber", instalment: 0, paidLoggedAt: part.logged_at, reason: "typed the wrong amount" });
    const row = screen.getByText("Jonas Weber").closest("tr") as HTMLElement;
    expect(within(row).getByText("Open")).toBeInTheDocument();
  });

  it("says what to do when nothing is agreed yet", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_campaigns") return [];
      if (cmd === "list_payments") return { lines: [], totals: [] };
      throw new Error(`unexpected command ${cmd}`);
    });
    render(Payments);
    expect(await screen.findByText("No payments yet")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Export CSV" })).toBeDisabled();
  });
});
