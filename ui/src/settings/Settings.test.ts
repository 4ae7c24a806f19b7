import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { notices } from "../lib/notices.svelte";
import Settings from "./Settings.svelte";

const status = {
  data_dir: "/home/ana/.local/share/app.partnerly.desktop",
  problem: null,
  influencers: 3,
  welcome: false,
};
const backups = [
  { name: "backup-20261128T170000Z.json", kind: "manual", taken_at: "2026-11-28T17:00:00Z", bytes: 48_000 },
  { name: "db-20261128T080000Z", kind: "daily", taken_at: "2026-11-28T08:00:00Z", bytes: 3_400_000 },
];
let sample: unknown = null;
const preview = {
  token: 7,
  path: "/home/ana/partnerly-workspace.json",
  exported_at: "2026-11-20T10:00:00Z",
  influencers: 12,
  replaces: 3,
};

let calls: [string, unknown][] = [];
let exportResult: unknown = null;

beforeEach(() => {
  calls = [];
  sample = null;
  notices.splice(0);
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    switch (cmd) {
      case "workspace_status":
        return status;
      case "team_status":
        return {
          status: { server: null, role: null, name: null, waiting: 0, state: { last_synced_at: null, offline_since: null, last_error: null }, conflicts: [] },
          last_sync: null,
          password_in_memory: false,
        };
      case "export_workspace":
        return exportResult;
      case "choose_workspace_import":
        return preview;
      case "confirm_workspace_import":
        return { influencers: 12, previous_data: "/home/ana/backups/workspace-before-import.json" };
      case "discard_workspace_import":
        return null;
      case "list_backups":
        return backups;
      case "backup_now":
        return backups[0];
      case "choose_backup_restore":
        return { ...preview, path: "/home/ana/backups/db-20261128T080000Z", exported_at: "2026-11-28T08:00:00Z" };
      case "sample_contents":
        return sample;
      case "remove_sample":
        return sample;
      case "get_preferences":
        return {
          preferences: { default_currency: "EUR", locale: null, welcomed: true },
          locales: [
            { tag: "en-US", name: "English (United States)" },
            { tag: "de-DE", name: "Deutsch (Deutschland)" },
          ],
        };
      case "list_currencies":
        return ["EUR", "GBP", "USD"];
      case "set_preferences":
        return { ...(args as { draft: object }).draft, welcomed: true };
      case "get_identity":
        return { name: "ana", chosen: false, system_name: "ana" };
      case "set_your_name":
        return { name: (args as { name: string }).name.trim(), chosen: true, system_name: "ana" };
      case "get_tier_boundaries":
        return { nano: 1000, micro: 10000, mid: 50000, macro: 500000, mega: 1000000 };
    }
  });
});
afterEach(() => clearMocks());

it("shows where the data lives", async () => {
  render(Settings);
  expect(await screen.findByText(status.data_dir)).toBeInTheDocument();
  expect(screen.getByText(/3 creators on the roster/)).toBeInTheDocument();
});

it("keeps the name you log as, said to come from the system until saved", async () => {
  render(Settings);
  const name = await screen.findByLabelText("Shown beside what you log");
  await vi.waitFor(() => expect(name).toHaveValue("ana"));
  expect(screen.getByText("From your system account until you save one.")).toBeInTheDocument();
  await userEvent.clear(name);
  await userEvent.type(name, "Ana Lima ");
  await userEvent.click(screen.getByRole("button", { name: "Save name" }));
  expect(calls).toContainEqual(["set_your_name", { name: "Ana Lima " }]);
  expect(await screen.findByText(/Entries logged before keep the name/)).toBeInTheDocument();
  expect(notices.map((n) => n.text)).toContain("From now on, what you log shows as Ana Lima.");
});

it("says nothing when the save dialog is cancelled, and where the file went otherwise", async () => {
  render(Settings);
  exportResult = null;
  await userEvent.click(await screen.findByRole("button", { name: "Export workspace…" }));
  expect(notices).toHaveLength(0);

  exportResult = { path: "/home/ana/w.json", influencers: 3 };
  await userEvent.click(screen.getByRole("button", { name: "Export workspace…" }));
  expect(notices.map((n) => n.text)).toEqual(["Exported 3 creators to /home/ana/w.json."]);
});

it("asks before replacing, and applies the previewed import", async () => {
  render(Settings);
  await userEvent.click(await screen.findByRole("button", { name: "Import workspace…" }));
  const dialog = screen.getByRole("alertdialog");
  expect(dialog).toHaveTextContent("holds 12 creators");
  expect(dialog).toHaveTextContent("It replaces the 3 creators here now");
  await userEvent.click(within(dialog).getByRole("button", { name: "Replace workspace" }));

  expect(calls).toContainEqual(["confirm_workspace_import", { token: 7 }]);
  expect(notices.map((n) => n.text)).toContain(
    "Imported 12 creators. What it replaced is saved in /home/ana/backups/workspace-before-import.json.",
  );
  expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
});

it("discards the held file when the person cancels", async () => {
  render(Settings);
  await userEvent.click(await screen.findByRole("button", { name: "Import workspace…" }));
  await userEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Cancel" }));
  expect(calls.map(([cmd]) => cmd)).toContain("discard_workspace_import");
  expect(calls.map(([cmd]) => cmd)).not.toContain("confirm_workspace_import");
});

it("lists the backups, takes one now, and restores one only after asking", async () => {
  render(Settings);
  const table = await screen.findByRole("table");
  expect(within(table).getAllByRole("row")).toHaveLength(3);
  expect(table).toHaveTextContent("Taken by hand");
  expect(table).toHaveTextContent("Daily copy");
  expect(table).toHaveTextContent("3.2 MB");

  await userEvent.click(screen.getByRole("button", { name: "Back up now" }));
  expect(calls.map(([cmd]) => cmd)).toContain("backup_now");
  expect(notices.map((n) => n.text)).toContain("Backed up the workspace (47 KB).");

  await userEvent.click(within(table).getAllByRole("button", { name: /^Restore the backup of/ })[1]);
  expect(calls).toContainEqual(["choose_backup_restore", { name: "db-20261128T080000Z" }]);
  const dialog = screen.getByRole("alertdialog");
  expect(dialog).toHaveTextContent("Restore this backup?");
  expect(dialog).toHaveTextContent("holds 12 creators");
  expect(calls.map(([cmd]) => cmd)).not.toContain("confirm_workspace_import");
  await userEvent.click(within(dialog).getByRole("button", { name: "Restore backup" }));
  expect(calls).toContainEqual(["confirm_workspace_import", { token: 7 }]);
  expect(notices.map((n) => n.text).join(" ")).toContain("Restored 12 creators.");
});

it("offers to remove the sample only when it is there, and asks first", async () => {
  sample = { influencers: 12, brands: 1, campaigns: 1, partnerships: 6 };
  render(Settings);
  await userEvent.click(await screen.findByRole("button", { name: "Remove sample data…" }));
  const dialog = screen.getByRole("alertdialog");
  expect(dialog).toHaveTextContent("12 creators, 1 brand, 1 campaign, 6 partnerships");
  await userEvent.click(within(dialog).getByRole("button", { name: "Remove sample data" }));
  expect(calls.map(([cmd]) => cmd)).toContain("remove_sample");
  expect(screen.queryByRole("button", { name: "Remove sample data…" })).not.toBeInTheDocument();
});

it("has no sample section without a sample", async () => {
  render(Settings);
  await screen.findByRole("table");
  expect(screen.queryByRole("heading", { name: "Sample data" })).not.toBeInTheDocument();
});

it("saves currency and locale, showing the chosen format before saving", async () => {
  render(Settings);
  const locale = await screen.findByRole("combobox", { name: "Numbers and dates" });
  await screen.findByRole("option", { name: "Deutsch (Deutschland)" });
  await userEvent.selectOptions(locale, "de-DE");
  expect(screen.getByTestId("format-example")).toHaveTextContent("1.234.567,5");
  await userEvent.selectOptions(screen.getByRole("combobox", { name: "Default currency" }), "GBP");
  await userEvent.click(screen.getByRole("button", { name: "Save preferences" }));
  expect(calls).toContainEqual(["set_preferences", { draft: { default_currency: "GBP", locale: "de-DE" } }]);
});
