import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { notices } from "../lib/notices.svelte";
import { dashboard } from "../performance/fixtures";
import { brand } from "../vetting/fixtures";
import { partnershipView } from "../wizard/fixtures";
import Campaigns from "./Campaigns.svelte";

afterEach(() => {
  clearMocks();
  notices.splice(0);
});

describe("Campaigns", () => {
  it("deletes a campaign only after saying which partnerships go with it", async () => {
    const spring = dashboard().campaign;
    const autumn = { ...spring, id: "campaign-2", name: "Autumn" };
    const deleted: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_campaigns") return [spring, autumn];
      if (cmd === "list_brands") return [brand({ id: "brand-1" })];
      if (cmd === "list_currencies") return ["EUR"];
      if (cmd === "list_partnerships") return [partnershipView("Mara Costa", "live"), partnershipView("Jonas Weber", "completed")];
      if (cmd === "delete_campaign") {
        const id = (args as { id: string }).id;
        deleted.push(id);
        return { campaign: id === spring.id ? spring : autumn, partnerships: id === spring.id ? 2 : 0 };
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(Campaigns);

    await userEvent.click(await screen.findByRole("button", { name: "Delete Spring oat barista launch" }));
    const ask = screen.getByRole("alertdialog");
    expect(ask).toHaveTextContent(
      "Its 2 partnerships go with it: terms, timelines, payments recorded and post figures. The brand and the creators stay.",
    );
    // "No" first: nothing is deleted.
    await userEvent.click(within(ask).getByRole("button", { name: "Cancel" }));
    expect(deleted).toEqual([]);

    await userEvent.click(screen.getByRole("button", { name: "Delete Spring oat barista launch" }));
    await userEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete campaign" }));
    await waitFor(() => expect(screen.queryByRole("heading", { name: "Spring oat barista launch" })).not.toBeInTheDocument());
    expect(deleted).toEqual(["campaign-1"]);
    expect(notices.map((n) => n.text)).toContain("Deleted Spring oat barista launch and its 2 partnerships.");
    expect(screen.getByRole("heading", { name: "Autumn" })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Delete Autumn" }));
    expect(screen.getByRole("alertdialog")).toHaveTextContent("Autumn will be deleted. Its brand and the creators stay.");
  });
});
