import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { Brand, BrandDraft } from "../bindings";
import { brand } from "../vetting/fixtures";
import BrandForm from "./BrandForm.svelte";

afterEach(() => clearMocks());

const countries = [
  { code: "DE", name: "Germany" },
  { code: "AT", name: "Austria" },
];

describe("BrandForm", () => {
  it("sends lists and weighted targets, and shows the app's objections in place", async () => {
    const sent: BrandDraft[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "add_brand") throw new Error(`unexpected command ${cmd}`);
      const draft = (args as { draft: BrandDraft }).draft;
      sent.push(draft);
      if (sent.length === 1) {
        const fields = [{ field: "audience.countries.0.percent", message: "The weight of DE must be more than 0 and at most 100 %." }];
        throw { kind: "invalid_input", message: fields[0].message, fields };
      }
      return brand({ name: draft.name });
    });
    let saved: Brand | null = null;
    render(BrandForm, { countries, onsaved: (b: Brand) => (saved = b), oncancel: () => {} });

    await userEvent.type(screen.getByLabelText("Brand name"), "Stride Labs");
    await userEvent.type(screen.getByLabelText("Values and topics"), "running, , Sustainability ");
    await userEvent.type(screen.getByLabelText("Excluded topics"), "gambling");
    await userEvent.click(screen.getByRole("button", { name: "Add a country" }));
    await userEvent.selectOptions(screen.getByLabelText("Countries: entry 1"), "DE");
    await userEvent.click(screen.getByRole("button", { name: "Create brand" }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].values).toEqual(["running", "Sustainability"]);
    expect(sent[0].excluded_topics).toEqual(["gambling"]);
    expect(sent[0].audience.countries).toEqual([{ key: "DE", percent: 0 }]);
    expect(await screen.findByRole("alert")).toHaveTextContent("The weight of DE must be more than 0");
    const weight = screen.getByLabelText(/^Countries: percent of entry 1/);
    expect(weight).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Brand name")).toHaveValue("Stride Labs");

    await userEvent.clear(weight);
    await userEvent.type(weight, "60");
    await userEvent.click(screen.getByRole("button", { name: "Create brand" }));
    await waitFor(() => expect(saved).not.toBeNull());
    expect(sent[1].audience.countries).toEqual([{ key: "DE", percent: 60 }]);
  });
});
