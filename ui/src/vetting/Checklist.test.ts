import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { CheckDraft, Dossier } from "../bindings";
import Checklist from "./Checklist.svelte";
import { scorecard } from "./fixtures";

afterEach(() => clearMocks());

function dossier(): Dossier {
  return {
    influencer_id: "id-1",
    stats: [],
    audience: { countries: [], age_bands: [], genders: [], credibility: null, mass_followers: null, top_country: null, source: "" },
    histories: [],
    past_partnerships: [],
    checklist: [],
    updated_at: "2026-11-24T09:00:00Z",
  };
}

describe("Checklist", () => {
  it("needs a note to mark done, a reason to waive, and reports the app's answer", async () => {
    const sent: CheckDraft[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "set_check") throw new Error(`unexpected command ${cmd}`);
      const draft = (args as { draft: CheckDraft }).draft;
      sent.push(draft);
      if (draft.state === "done" && !draft.note.trim() && !draft.evidence.trim()) {
        const fields = [{ field: "note", message: "Say what you found, or link the evidence, to mark this done." }];
        throw { kind: "invalid_input", message: fields[0].message, fields };
      }
      return dossier();
    });
    const changes: Dossier[] = [];
    const checklist = scorecard("Mara", 1000, 50, 0).checklist;
    render(Checklist, { influencerId: "id-1", checklist, onchange: (d: Dossier) => changes.push(d) });

    const safety = screen.getAllByRole("listitem").find((li) => li.dataset.item === "brand_safety")!;
    await userEvent.click(within(safety).getByRole("button", { name: "Done…" }));
    await userEvent.click(within(safety).getByRole("button", { name: "Mark done" }));
    expect(await within(safety).findByText("Say what you found, or link the evidence, to mark this done.")).toBeVisible();
    expect(changes).toEqual([]);

    await userEvent.type(within(safety).getByLabelText("What you found"), "No controversies in three years of posts");
    await userEvent.click(within(safety).getByRole("button", { name: "Mark done" }));
    await waitFor(() => expect(changes).toHaveLength(1));
    expect(sent[1]).toEqual({ state: "done", note: "No controversies in three years of posts", evidence: "" });

    const content = screen.getAllByRole("listitem").find((li) => li.dataset.item === "content_quality")!;
    await userEvent.click(within(content).getByRole("button", { name: "Waive…" }));
    await userEvent.type(within(content).getByLabelText("Why it is waived"), "Worked with her last month");
    await userEvent.click(within(content).getByRole("button", { name: "Waive" }));
    await waitFor(() => expect(changes).toHaveLength(2));
    expect(sent[2]).toEqual({ state: "waived", reason: "Worked with her last month" });
  });

  it("shows who did each item and when", () => {
    const checklist = scorecard("Mara", 1000, 50, 1).checklist;
    render(Checklist, { influencerId: "id-1", checklist, onchange: () => {} });
    expect(screen.getByText(/Done by ana, .*2026: looked/)).toBeVisible();
    expect(screen.getByText("1 of 5 done or waived")).toBeVisible();
  });
});
