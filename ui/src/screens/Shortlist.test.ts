import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { ShortlistItem } from "../bindings";
import { brand, item, scorecard } from "../vetting/fixtures";
import Shortlist from "./Shortlist.svelte";

afterEach(() => clearMocks());

/** The app's side: a ranked shortlist and a record of what was chosen. */
function fakeApp(items: ShortlistItem[]) {
  const chosen: { influencerId: string; chosen: boolean }[] = [];
  mockIPC((cmd, args) => {
    const payload = args as { influencerId: string; chosen: boolean };
    switch (cmd) {
      case "brand_shortlist":
        return items;
      case "shortlist_choose":
        chosen.push({ influencerId: payload.influencerId, chosen: payload.chosen });
        return brand();
      default:
        throw new Error(`unexpected command ${cmd}`);
    }
  });
  return chosen;
}

const vetted = scorecard("Sofia Herrera", 7_900, 68, 5);
const famous = scorecard("Daniel Okafor", 1_640_000, null, 0);

function rows(): string[] {
  return screen
    .getAllByRole("row")
    .slice(1)
    .map((row) => row.getAttribute("data-creator") ?? "");
}

describe("Shortlist", () => {
  it("ranks by fit and alignment, and can order by followers with a caution", async () => {
    fakeApp([item(vetted), item(famous)]);
    render(Shortlist, { brand: brand(), onchange: () => {} });
    await waitFor(() => expect(rows()).toEqual(["Sofia Herrera", "Daniel Okafor"]));
    expect(screen.queryByRole("note")).toBeNull();

    await userEvent.selectOptions(screen.getByLabelText("Order of the shortlist"), "followers");
    expect(rows()).toEqual(["Daniel Okafor", "Sofia Herrera"]);
    expect(screen.getByRole("note")).toHaveTextContent("A large following says nothing about fit or authenticity");
  });

  it("warns before choosing an unvetted creator from a follower-sorted list", async () => {
    const chosen = fakeApp([item(vetted), item(famous)]);
    render(Shortlist, { brand: brand(), onchange: () => {} });
    await waitFor(() => expect(rows()).toHaveLength(2));
    await userEvent.selectOptions(screen.getByLabelText("Order of the shortlist"), "followers");

    const daniel = screen.getAllByRole("row").find((r) => r.getAttribute("data-creator") === "Daniel Okafor")!;
    await userEvent.click(within(daniel).getByRole("button", { name: "Choose" }));
    const dialog = screen.getByRole("alertdialog");
    expect(dialog).toHaveTextContent("Don't pick by follower count");
    expect(dialog).toHaveTextContent("5 of 5 research items are open");
    expect(chosen).toEqual([]);

    await userEvent.click(within(dialog).getByRole("button", { name: "Choose anyway" }));
    await waitFor(() => expect(chosen).toEqual([{ influencerId: "id-Daniel Okafor", chosen: true }]));
  });

  it("chooses a vetted creator, or any creator in fit order, without asking", async () => {
    const chosen = fakeApp([item(vetted), item(famous)]);
    render(Shortlist, { brand: brand(), onchange: () => {} });
    await waitFor(() => expect(rows()).toHaveLength(2));
    const daniel = screen.getAllByRole("row").find((r) => r.getAttribute("data-creator") === "Daniel Okafor")!;
    await userEvent.click(within(daniel).getByRole("button", { name: "Choose" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    await waitFor(() => expect(chosen).toEqual([{ influencerId: "id-Daniel Okafor", chosen: true }]));

    await userEvent.selectOptions(screen.getByLabelText("Order of the shortlist"), "followers");
    const sofia = screen.getAllByRole("row").find((r) => r.getAttribute("data-creator") === "Sofia Herrera")!;
    await userEvent.click(within(sofia).getByRole("button", { name: "Choose" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    await waitFor(() => expect(chosen).toHaveLength(2));
  });
});
