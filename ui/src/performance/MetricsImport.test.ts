import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { HeldMetricsFile, MetricsImport as Outcome } from "../bindings";
import { post } from "./fixtures";
import MetricsImport from "./MetricsImport.svelte";

afterEach(() => clearMocks());

const held: HeldMetricsFile = {
  token: 4,
  file: {
    file: "posts.csv",
    source: "Meta Business Suite post export",
    campaign_id: "campaign-1",
    encoding: "UTF-8",
    delimiter: ",",
    header: ["Permalink", "Account name", "Views"],
    mapping: [{ kind: "permalink" }, null, { kind: "figure", measure: "views" }],
    rows: [
      {
        line: 2,
        label: "Oat barista",
        link: "https://www.instagram.com/p/OTHER/",
        account: null,
        published: null,
        on: "2026-11-29",
        values: { of: { views: 1200 } },
        matched: null,
        unmatched_because: "no post of this campaign has the link https://www.instagram.com/p/OTHER/",
      },
    ],
    rejected: [{ line: 3, reason: "Views 'lots' is not a number" }],
    posts: [post],
  },
};

describe("MetricsImport", () => {
  it("says what it will not read, and imports an unmatched row into the post the person chose", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "import_metrics_file") {
        sent.push(args);
        return { readings: 1, posts: 1, unassigned: [], rejected: held.file.rejected };
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    let outcome: Outcome | null = null;
    render(MetricsImport, { held, ondone: (o: Outcome | null) => (outcome = o) });

    expect(screen.getByText("Columns not read: Account name.")).toBeInTheDocument();
    expect(screen.getByText("Line 3: Views 'lots' is not a number")).toBeInTheDocument();
    expect(screen.getByText(/no post of this campaign has the link/)).toBeInTheDocument();
    const choice = screen.getByLabelText("Post for line 2") as HTMLSelectElement;
    await userEvent.selectOptions(choice, choice.options[1]);
    await userEvent.click(screen.getByRole("button", { name: "Import figures" }));

    await waitFor(() => expect(outcome).not.toBeNull());
    expect(sent).toEqual([
      {
        token: 4,
        assignments: [{ line: 2, partnership_id: post.partnership_id, deliverable: post.deliverable, url: post.url }],
      },
    ]);
  });
});
