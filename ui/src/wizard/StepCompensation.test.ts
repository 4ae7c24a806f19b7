import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { emptyTerms } from "./fixtures";
import StepCompensation from "./StepCompensation.svelte";

afterEach(() => clearMocks());

/** The app reads amounts: whole numbers of euros here, anything else refused as it would be. */
function fakeApp() {
  mockIPC((cmd, args) => {
    if (cmd !== "read_amount") throw new Error(`unexpected command ${cmd}`);
    const { text, currency } = args as { text: string; currency: string };
    const digits = text.replace(/[.,]00$/, "").replace(/[.,]/g, "");
    if (!/^\d+$/.test(digits)) throw { kind: "invalid_input", message: `'${text}' is not an amount`, fields: [] };
    return { minor: Number(digits) * 100, currency };
  });
}

describe("StepCompensation", () => {
  it("writes amounts, a 50/50 schedule and the kill fee into the terms", async () => {
    fakeApp();
    const terms = emptyTerms();
    const step = render(StepCompensation, { terms, currencies: ["EUR"], budget: null });
    await userEvent.type(screen.getByLabelText("Flat fee"), "2.500,00");
    await userEvent.click(screen.getByRole("button", { name: "50 % on signing, 50 % on delivery" }));
    expect(screen.getByText("Adds up to 100 %")).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Due date of payment 1"), "2026-12-01");
    await userEvent.type(screen.getByLabelText("Kill fee"), "0");

    expect(await step.component.commit()).toBe(true);
    expect(terms.compensation.flat_fee).toEqual({ minor: 250000, currency: "EUR" });
    expect(terms.compensation.kill_fee).toEqual({ minor: 0, currency: "EUR" });
    expect(terms.compensation.schedule).toEqual([
      { label: "On signing", share: 0.5, due: "2026-12-01" },
      { label: "On delivery", share: 0.5, due: null },
    ]);
  });

  it("keeps the person on the step and says which field is wrong", async () => {
    fakeApp();
    const terms = emptyTerms();
    const step = render(StepCompensation, { terms, currencies: ["EUR"], budget: null });
    await userEvent.type(screen.getByLabelText("Flat fee"), "lots");
    await userEvent.type(screen.getByLabelText("Commission on sales (%)"), "ten");

    expect(await step.component.commit()).toBe(false);
    expect(await screen.findByText("'lots' is not an amount")).toBeInTheDocument();
    expect(screen.getByText("'ten' is not a percent (e.g. 10).")).toBeInTheDocument();
    expect(screen.getByLabelText("Flat fee")).toHaveAttribute("aria-invalid", "true");
    expect(terms.compensation.flat_fee).toBeNull();
  });

  it("reads payment terms typed as days or as Net N, and refuses anything else", async () => {
    fakeApp();
    const terms = emptyTerms();
    const step = render(StepCompensation, { terms, currencies: ["EUR"], budget: null });
    const field = screen.getByLabelText("Payment terms (days)");
    await userEvent.type(field, "Net 30");
    expect(await step.component.commit()).toBe(true);
    expect(terms.compensation.payment_term_days).toBe(30);

    await userEvent.clear(field);
    await userEvent.type(field, "a month");
    expect(await step.component.commit()).toBe(false);
    expect(screen.getByText("'a month' is not a number of days (e.g. 30 for Net 30).")).toBeInTheDocument();
    expect(terms.compensation.payment_term_days).toBe(30);
  });
});
