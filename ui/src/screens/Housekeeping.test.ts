import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { DuplicatePair, Influencer, RosterFilter, SavedView } from "../bindings";
import { notices } from "../lib/notices.svelte";
import Roster from "./Roster.svelte";

afterEach(() => {
  clearMocks();
  notices.splice(0);
});

function creator(name: string, handle: string, country: string, email: string | null = null): Influencer {
  return {
    id: `id-${handle}`,
    name,
    accounts: [{ platform: "instagram", handle, followers: 12000 }],
    email,
    country,
    niches: [],
    notes: "",
    created_at: "2026-11-24T09:00:00Z",
    updated_at: "2026-11-24T09:00:00Z",
  };
}

const jonas = creator("Jonas Weber", "jonasrides", "DE", "hello@jonasrides.de");
const twin = creator("Jonas W.", "jonasrides_live", "DE", "hello@jonasrides.de");
const mara = creator("Mara Costa", "mara.eats", "PT");

function fakeApp() {
  let roster = [jonas, twin, mara];
  const tagged: Record<string, string[]> = {};
  let views: SavedView[] = [];
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  const keeps = (filter: RosterFilter, i: Influencer) =>
    (filter.country === null || i.country === filter.country) &&
    (filter.tag === null || (tagged[i.id] ?? []).includes(filter.tag));
  mockIPC((cmd, raw) => {
    const args = raw as Record<string, unknown>;
    calls.push({ cmd, args });
    switch (cmd) {
      case "query_influencers": {
        const found = roster.filter((i) => keeps(args.filter as RosterFilter, i));
        return { total: found.length, influencers: found };
      }
      case "list_countries":
        return [
          { code: "DE", name: "Germany" },
          { code: "PT", name: "Portugal" },
        ];
      case "get_tier_boundaries":
        return { nano: 1000, micro: 10000, mid: 50000, macro: 100000, mega: 1000000 };
      case "roster_tags": {
        const counts: Record<string, number> = {};
        for (const tags of Object.values(tagged)) for (const t of tags) counts[t] = (counts[t] ?? 0) + 1;
        return Object.entries(counts).map(([tag, creators]) => ({ tag, creators }));
      }
      case "roster_views":
        return views;
      case "tag_filtered": {
        const found = roster.filter((i) => keeps(args.filter as RosterFilter, i));
        for (const i of found) tagged[i.id] = [...(tagged[i.id] ?? []), args.tag as string];
        return found.length;
      }
      case "save_roster_view":
        views = [{ name: args.name as string, filter: args.filter as RosterFilter, sort: "name", descending: false, saved_at: "" }];
        return views;
      case "possible_duplicates":
        return roster.includes(twin) ? ([{ first: jonas, second: twin, reasons: ["Same email: hello@jonasrides.de"] }] as DuplicatePair[]) : [];
      case "merge_creators":
        roster = roster.filter((i) => i.id !== args.other);
        return { creator: jonas, merged: "Jonas W.", partnerships: 2, shortlists: 1, dossier: true, tags: [] };
      default:
        throw new Error(`unexpected command ${cmd}`);
    }
  });
  return calls;
}

describe("Roster housekeeping", () => {
  it("tags everyone a filter shows, filters by the tag and saves the filter as a view", async () => {
    const calls = fakeApp();
    render(Roster);
    await screen.findByText("Mara Costa");
    await userEvent.selectOptions(screen.getByLabelText("Country"), "DE");
    await waitFor(() => expect(screen.queryByText("Mara Costa")).toBeNull());
    await userEvent.click(screen.getByRole("button", { name: "Tag these 2 creators…" }));
    await userEvent.type(screen.getByLabelText("Tag for the creators shown"), "DACH 2027");
    await userEvent.click(screen.getByRole("button", { name: "Tag 2 creators" }));
    await waitFor(() => expect(notices.at(-1)?.text).toBe('Tagged 2 creators "DACH 2027".'));
    expect(calls.find((c) => c.cmd === "tag_filtered")?.args).toMatchObject({ tag: "DACH 2027", remove: false });
    expect(await screen.findByRole("option", { name: "DACH 2027 (2)" })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Save as view…" }));
    await userEvent.type(screen.getByLabelText("Name of the view"), "Germany");
    await userEvent.click(screen.getByRole("button", { name: "Save view" }));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === "save_roster_view")?.args).toMatchObject({
        name: "Germany",
        filter: { country: "DE" },
      }),
    );
    const saved = await screen.findByLabelText("Saved views");
    expect(within(saved).getByRole("option", { name: "Germany" })).toBeInTheDocument();
  });

  it("reviews a possible duplicate and merges it into the record kept, after saying what moves", async () => {
    const calls = fakeApp();
    render(Roster);
    await screen.findByText("Jonas W.");
    await userEvent.click(screen.getByRole("button", { name: "Possible duplicates" }));
    const review = await screen.findByRole("dialog", { name: "Possible duplicates" });
    const pair = await within(review).findByRole("region", { name: "Jonas Weber and Jonas W." });
    expect(within(pair).getByText("Same email: hello@jonasrides.de")).toBeInTheDocument();
    await userEvent.click(within(pair).getByRole("button", { name: "Keep Jonas Weber" }));
    const confirm = await screen.findByRole("alertdialog", { name: "Merge Jonas W. into Jonas Weber?" });
    await userEvent.click(within(confirm).getByRole("button", { name: "Merge" }));
    await waitFor(() =>
      expect(notices.at(-1)?.text).toBe("Merged Jonas W. into Jonas Weber: 2 partnerships moved, with the dossier."),
    );
    expect(calls.find((c) => c.cmd === "merge_creators")?.args).toEqual({ keep: "id-jonasrides", other: "id-jonasrides_live" });
    expect(await within(review).findByText("No possible duplicates on the roster.")).toBeInTheDocument();
  });
});
