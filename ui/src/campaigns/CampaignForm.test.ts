import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { CampaignDraft } from "../bindings";
import { brand } from "../vetting/fixtures";
import CampaignForm from "./CampaignForm.svelte";

afterEach(() => clearMocks());

describe("CampaignForm", () => {
  it("sends what was typed and shows a vague target's hint next to it", async () => {
    const sent: CampaignDraft[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "add_campaign") throw new Error(`unexpected command ${cmd}`);
      sent.push((args as { draft: CampaignDraft }).draft);
      throw {
        kind: "invalid_input",
        message: "1 field needs attention.",
        fields: [{ field: "targets.0.value", message: "Target 1: the reach target 'lots' is not a whole number above 0." }],
      };
    });
    render(CampaignForm, { brands: [brand()], currencies: ["EUR", "USD"], onsaved: () => {}, oncancel: () => {} });

    await userEvent.type(screen.getByLabelText("Campaign name"), "Spring launch");
    await userEvent.click(screen.getByLabelText("Sales and conversions"));
    await userEvent.type(screen.getByLabelText("Value of target 1"), "lots");
    await userEvent.type(screen.getByLabelText("Date of target 1"), "2026-06-30");
    await userEvent.type(screen.getByLabelText("Budget"), "12.500");
    await userEvent.click(screen.getByRole("button", { name: "Create campaign" }));

    expect(
      await screen.findByText("Target 1: the reach target 'lots' is not a whole number above 0."),
    ).toBeInTheDocument();
    expect(screen.getByLabelText("Value of target 1")).toHaveAttribute("aria-invalid", "true");
    expect(sent[0]).toMatchObject({
      name: "Spring launch",
      objective: "sales",
      targets: [{ metric: "reach", value: "lots", due: "2026-06-30" }],
      budget: "12.500",
      currency: "EUR",
    });
  });
});
