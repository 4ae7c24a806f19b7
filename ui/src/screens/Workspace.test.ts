import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, expect, it } from "vitest";
import { notices } from "../lib/notices.svelte";
import Workspace from "./Workspace.svelte";

const status = { data_dir: "/home/ana/.local/share/app.partnerly.desktop", problem: null, influencers: 3 };
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
  notices.splice(0);
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    switch (cmd) {
      case "workspace_status":
        return status;
      case "export_workspace":
        return exportResult;
      case "choose_workspace_import":
        return preview;
      case "confirm_workspace_import":
        return { influencers: 12, previous_data: "/home/ana/backups/workspace-before-import.json" };
      case "discard_workspace_import":
        return null;
    }
  });
});
afterEach(() => clearMocks());

it("shows where the data lives", async () => {
  render(Workspace);
  expect(await screen.findByText(status.data_dir)).toBeInTheDocument();
  expect(screen.getByText(/3 creators on the roster/)).toBeInTheDocument();
});

it("says nothing when the save dialog is cancelled, and where the file went otherwise", async () => {
  render(Workspace);
  exportResult = null;
  await userEvent.click(await screen.findByRole("button", { name: "Export workspace…" }));
  expect(notices).toHaveLength(0);

  exportResult = { path: "/home/ana/w.json", influencers: 3 };
  await userEvent.click(screen.getByRole("button", { name: "Export workspace…" }));
  expect(notices.map((n) => n.text)).toEqual(["Exported 3 creators to /home/ana/w.json."]);
});

it("asks before replacing, and applies the previewed import", async () => {
  render(Workspace);
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
  render(Workspace);
  await userEvent.click(await screen.findByRole("button", { name: "Import workspace…" }));
  await userEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Cancel" }));
  expect(calls.map(([cmd]) => cmd)).toContain("discard_workspace_import");
  expect(calls.map(([cmd]) => cmd)).not.toContain("confirm_workspace_import");
});
