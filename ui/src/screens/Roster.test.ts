import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { Influencer, InfluencerDraft } from "../bindings";
import { notices } from "../lib/notices.svelte";
import Roster from "./Roster.svelte";

afterEach(() => clearMocks());

const countries = [
  { code: "DE", name: "Germany" },
  { code: "PT", name: "Portugal" },
];

function influencer(name: string, handle: string, followers: number): Influencer {
  return {
    id: `id-${handle}`,
    name,
    accounts: [{ platform: "instagram", handle, followers }],
    email: null,
    country: "PT",
    niches: ["vegan food"],
    notes: "",
    created_at: "2026-11-24T09:00:00Z",
    updated_at: "2026-11-24T09:00:00Z",
  };
}

/** A stand-in for the app's command layer, holding a roster in memory. */
function fakeApp(initial: Influencer[] = []) {
  const roster = [...initial];
  const calls: string[] = [];
  mockIPC((cmd, args) => {
    calls.push(cmd);
    const payload = args as { draft?: InfluencerDraft; id?: string; filter?: { search: string }; offset?: number };
    switch (cmd) {
      case "query_influencers": {
        const words = (payload.filter?.search ?? "").toLowerCase().replace(/@/g, "").split(/\s+/).filter(Boolean);
        const found = roster.filter((i) =>
          words.every((w) => `${i.name} ${i.accounts.map((a) => a.handle).join(" ")}`.toLowerCase().includes(w)),
        );
        return { total: found.length, influencers: found.slice(payload.offset ?? 0) };
      }
      case "list_countries":
        return countries;
      case "load_sample":
        roster.push(influencer("Jonas Weber", "jonas.rides", 41800), influencer("Mara Costa", "mara.eats", 48200));
        return 2;
      case "add_influencer": {
        const draft = payload.draft!;
        if (!draft.name.trim()) {
          const fields = [{ field: "name", message: "Enter the creator's name." }];
          throw { kind: "invalid_input", message: fields[0].message, fields };
        }
        const added = {
          ...influencer(draft.name, draft.accounts[0].handle.replace(/^@/, ""), draft.accounts[0].followers),
          niches: draft.niches,
          country: draft.country || null,
        };
        roster.push(added);
        return added;
      }
      case "delete_influencer":
        roster.splice(roster.findIndex((i) => i.id === payload.id), 1);
        return null;
      default:
        throw { kind: "storage", message: `unexpected ${cmd}`, fields: [] };
    }
  });
  return { roster, calls };
}

describe("Roster", () => {
  it("explains what to do when the roster is empty, and loads the sample", async () => {
    const app = fakeApp();
    render(Roster);
    expect(await screen.findByRole("heading", { name: "Your roster is empty" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Load sample workspace" }));
    expect(await screen.findByRole("button", { name: /^Mara Costa\b/ })).toBeInTheDocument();
    expect(screen.getByText("2 creators")).toBeInTheDocument();
    expect(app.calls).toContain("load_sample");
  });

  it("adds an influencer through the form and opens them", async () => {
    const app = fakeApp();
    render(Roster);
    await userEvent.click(await screen.findByRole("button", { name: "Add influencer" }));
    await userEvent.type(screen.getByLabelText("Name"), "Ana Ruiz");
    await userEvent.type(screen.getByLabelText("Handle of account 1"), "@ana.ruiz");
    await userEvent.type(screen.getByLabelText("Followers of account 1"), "12400");
    await userEvent.type(screen.getByLabelText("Niches"), "running,  travel ,");
    await userEvent.selectOptions(screen.getByLabelText("Based in"), "Germany");
    await userEvent.click(screen.getByRole("button", { name: "Add to roster" }));

    expect(await screen.findByRole("heading", { name: "Ana Ruiz" })).toBeInTheDocument();
    expect(app.roster[0].niches).toEqual(["running", "travel"]);
    expect(app.roster[0].country).toBe("DE");
    expect(notices.map((n) => n.text)).toContain("Added Ana Ruiz to the roster.");
  });

  it("shows the app's field errors next to the fields and keeps the input", async () => {
    fakeApp();
    render(Roster);
    await userEvent.click(await screen.findByRole("button", { name: "Add influencer" }));
    await userEvent.type(screen.getByLabelText("Handle of account 1"), "@someone");
    await userEvent.type(screen.getByLabelText("Followers of account 1"), "10");
    await userEvent.click(screen.getByRole("button", { name: "Add to roster" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("Enter the creator's name.");
    expect(screen.getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Handle of account 1")).toHaveValue("@someone");
  });

  it("refuses an empty follower count before calling the app", async () => {
    const app = fakeApp();
    render(Roster);
    await userEvent.click(await screen.findByRole("button", { name: "Add influencer" }));
    await userEvent.type(screen.getByLabelText("Name"), "Ana");
    await userEvent.click(screen.getByRole("button", { name: "Add to roster" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Account 1 (Instagram): enter the follower count as a whole number (0 if unknown).",
    );
    expect(app.calls).not.toContain("add_influencer");
  });

  it("filters by handle and deletes after confirmation", async () => {
    const app = fakeApp([influencer("Jonas Weber", "jonas.rides", 41800), influencer("Mara Costa", "mara.eats", 48200)]);
    render(Roster);
    await userEvent.type(await screen.findByLabelText("Search the roster"), "@mara");
    // The app answers the search (after a short pause in typing).
    await waitFor(() => expect(screen.queryByRole("button", { name: /^Jonas Weber\b/ })).not.toBeInTheDocument());
    expect(screen.getByText("1 matching")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: /^Mara Costa\b/ }));

    await userEvent.click(screen.getByRole("button", { name: "Delete" }));
    const dialog = screen.getByRole("alertdialog");
    expect(within(dialog).getByText("Delete Mara Costa?")).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete" }));

    // Back on the list, still searching for @mara: no one matches any more.
    expect(await screen.findByRole("heading", { name: "No one matches" })).toBeInTheDocument();
    expect(app.roster.map((i) => i.name)).toEqual(["Jonas Weber"]);
    expect(notices.map((n) => n.text)).toContain("Deleted Mara Costa.");
  });

  it("keeps only the rows in view in the page and loads the rest as the list scrolls", async () => {
    const TOTAL = 300_000;
    const creator = (n: number) => influencer(`Creator ${String(n).padStart(6, "0")}`, `creator${n}`, TOTAL - n);
    const asked: number[] = [];
    mockIPC((cmd, args) => {
      const { offset, limit } = args as { offset: number; limit: number };
      if (cmd === "list_countries") return countries;
      if (cmd !== "query_influencers") throw { kind: "storage", message: `unexpected ${cmd}`, fields: [] };
      asked.push(offset);
      const end = Math.min(TOTAL, offset + limit);
      return { total: TOTAL, influencers: Array.from({ length: end - offset }, (_, k) => creator(offset + k)) };
    });
    render(Roster);

    expect(await screen.findByRole("button", { name: /^Creator 000000\b/ })).toBeInTheDocument();
    expect(screen.getByText("300,000 creators")).toBeInTheDocument();
    const rows = () => within(screen.getByRole("list", { name: "Influencers" })).getAllByRole("listitem");
    expect(rows().length).toBeLessThan(40);
    expect(rows()[0]).toHaveAttribute("aria-setsize", "300000");

    // Half way down. Rows are 64 px: 300,000 of them are taller than a
    // browser can lay out, so the scroll bar maps onto the list proportionally.
    const viewport = screen.getByRole("list", { name: "Influencers" }).parentElement!;
    const spacer = parseFloat(screen.getByRole("list", { name: "Influencers" }).style.height);
    expect(spacer).toBeLessThan(TOTAL * 64);
    viewport.scrollTop = (spacer - 720) / 2;
    viewport.dispatchEvent(new Event("scroll"));

    const middle = await screen.findAllByRole("button", { name: /^Creator 1(49|50)\d\d\d\b/ });
    expect(middle.length).toBeGreaterThan(5);
    expect(asked.some((offset) => offset >= 149_000 && offset <= 150_000)).toBe(true);
    expect(asked).not.toContain(100_000);
    expect(rows().length).toBeLessThan(40);
  });

  it("sorts by any column: a click asks the app for that order, a second click reverses it", async () => {
    const asked: { sort: string; descending: boolean }[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_countries") return countries;
      const { sort, descending } = args as { sort: string; descending: boolean };
      asked.push({ sort, descending });
      return { total: 1, influencers: [influencer("Mara Costa", "mara.eats", 48200)] };
    });
    render(Roster);
    await screen.findByRole("button", { name: /^Mara Costa\b/ });
    for (const [header, sort] of [
      ["Accounts", "account"],
      ["Niches", "niche"],
      ["Based in", "country"],
    ]) {
      await userEvent.click(screen.getByRole("button", { name: header }));
      await waitFor(() => expect(asked.at(-1)).toEqual({ sort, descending: false }));
      await userEvent.click(screen.getByRole("button", { name: new RegExp(`^${header}`) }));
      await waitFor(() => expect(asked.at(-1)).toEqual({ sort, descending: true }));
    }
  });
});
