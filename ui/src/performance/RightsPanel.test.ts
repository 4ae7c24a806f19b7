import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { PostRights } from "../bindings";
import { notices } from "../lib/notices.svelte";
import RightsPanel from "./RightsPanel.svelte";

afterEach(() => {
  clearMocks();
  notices.splice(0);
});

function post(creator: string, over: Partial<PostRights> = {}): PostRights {
  return {
    partnership_id: `p-${creator}`,
    deliverable: 0,
    campaign_id: "campaign-1",
    campaign: "Spring",
    creator,
    post: "TikTok short video",
    url: "https://www.tiktok.com/@x/video/1",
    published_on: "2026-11-15",
    organic: true,
    paid: true,
    territory: ["DE", "FR"],
    brand_owns: false,
    until: "2027-05-14",
    days_left: 162,
    ad_code: null,
    in_use: false,
    state: "active",
    attention: null,
    ...over,
  };
}

describe("RightsPanel", () => {
  it("shows each post's rights with what needs a decision, records an ad code and marks use", async () => {
    let aisha = post("Aisha Bello");
    const ending = post("Jonas Weber", {
      state: "ending_soon",
      days_left: 12,
      attention: "The licence ends on 2026-12-15: extend it with the creator or plan to stop using the post.",
    });
    const calls: [string, Record<string, unknown>][] = [];
    mockIPC((cmd, args) => {
      const a = args as Record<string, unknown>;
      calls.push([cmd, a]);
      if (cmd === "record_ad_code") {
        if (a.code === "") throw { kind: "invalid_input", message: "an ad code needs the code itself", fields: [] };
        aisha = { ...aisha, ad_code: { kind: a.kind as string, code: a.code as string, expires: a.expires as string, expired: false } };
        return [ending, aisha];
      }
      if (cmd === "mark_post_in_use") {
        aisha = { ...aisha, in_use: a.inUse as boolean };
        return [ending, aisha];
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    render(RightsPanel, { campaignId: "campaign-1", rights: [ending, aisha] });

    expect(await screen.findByText(/The licence ends on 2026-12-15/)).toBeInTheDocument();
    expect(screen.getByText("Ending soon, 12 days left")).toBeInTheDocument();
    expect(screen.getAllByText("Organic and paid in DE, FR")).toHaveLength(2);

    await userEvent.click(screen.getByRole("button", { name: "Add code for Aisha Bello's TikTok short video" }));
    const form = screen.getByRole("form", { name: "Record an ad code" });
    await userEvent.type(within(form).getByLabelText("Until"), "31.01.2027");
    await userEvent.click(within(form).getByRole("button", { name: "Record code" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent("'31.01.2027' is not a date like 2026-05-15.");
    const until = within(form).getByLabelText("Until");
    await userEvent.clear(until);
    await userEvent.type(until, "2027-01-31");
    await userEvent.type(within(form).getByLabelText("Code"), "SPARK-88X");
    await userEvent.click(within(form).getByRole("button", { name: "Record code" }));
    await waitFor(() => expect(screen.queryByRole("form")).not.toBeInTheDocument());
    expect(screen.getByText("SPARK-88X")).toBeInTheDocument();
    expect(calls.find(([c]) => c === "record_ad_code")?.[1]).toMatchObject({
      id: "p-Aisha Bello",
      deliverable: 0,
      kind: "Spark code",
      code: "SPARK-88X",
      expires: "2027-01-31",
      filter: { campaign_id: "campaign-1", needs_attention: false },
    });

    await userEvent.click(screen.getByRole("checkbox", { name: "Aisha Bello's TikTok short video is in use by the brand" }));
    await waitFor(() => expect(calls.at(-1)?.[0]).toBe("mark_post_in_use"));
    expect(calls.at(-1)?.[1]).toMatchObject({ inUse: true });
  });
});
