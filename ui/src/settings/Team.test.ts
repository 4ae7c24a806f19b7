import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { TeamView } from "../bindings";
import { notices } from "../lib/notices.svelte";
import { team } from "../lib/team.svelte";
import Team from "./Team.svelte";

const offline: TeamView = {
  status: {
    server: null,
    role: null,
    name: null,
    waiting: 0,
    state: { last_synced_at: null, offline_since: null, last_error: null },
    conflicts: [],
  },
  last_sync: null,
  password_in_memory: false,
};

const connected = (over: Partial<TeamView["status"]> = {}): TeamView => ({
  status: {
    server: "ana@db.example.com:5432/partnerly",
    role: "editor",
    name: "Ana Lopes",
    waiting: 0,
    state: { last_synced_at: new Date().toISOString(), offline_since: null, last_error: null },
    conflicts: [],
    ...over,
  },
  last_sync: { pushed: 30, pulled: 0 },
  password_in_memory: false,
});

let view: TeamView = offline;
let calls: [string, unknown][] = [];
let connectError: unknown = null;

beforeEach(() => {
  calls = [];
  view = offline;
  connectError = null;
  notices.splice(0);
  team.view = null;
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    switch (cmd) {
      case "team_status":
        return view;
      case "team_connect":
        if (connectError) throw connectError;
        view = connected();
        return { server: "ana@db.example.com:5432/partnerly", role: "editor", synced: { pushed: 30, pulled: 4 }, keychain_problem: null };
      case "team_members":
        return [
          { user: "lena", role: "owner", name: "Lena Vogel", changes: 120, last_change_at: "2026-12-03T09:00:00Z" },
          { user: "ana", role: "editor", name: "Ana Lopes", changes: 30, last_change_at: null },
        ];
      case "team_dismiss_conflict":
        view = connected();
        return view;
      case "team_leave":
        view = offline;
        return view;
      case "team_sync_now":
        return null;
    }
    throw new Error(`unexpected command ${cmd}`);
  });
});

afterEach(() => clearMocks());

it("connects with a connection string and shows the state and the people", async () => {
  const user = userEvent.setup();
  render(Team);
  const connect = await screen.findByRole("button", { name: "Connect" });
  expect(connect).toBeDisabled();
  await user.type(screen.getByLabelText("Connection string"), "postgresql://ana@db.example.com/partnerly");
  await user.type(screen.getByLabelText("Password"), "s3cret");
  await user.click(connect);

  expect(calls).toContainEqual(["team_connect", { connection: "postgresql://ana@db.example.com/partnerly", password: "s3cret" }]);
  expect(await screen.findByText("ana@db.example.com:5432/partnerly")).toBeInTheDocument();
  expect(screen.getByTestId("team-sync-state")).toHaveTextContent(/^Up to date · last synced/);
  const rows = within(await screen.findByRole("table")).getAllByRole("row");
  expect(rows.map((r) => r.textContent)).toEqual([
    "Signs in asNameRoleChangesLast change",
    expect.stringMatching(/^lenaLena VogelOwner120/),
    "anaAna LopesEditor30—",
  ]);
  expect(notices[0].text).toBe("Connected to ana@db.example.com:5432/partnerly as editor. Sent 30 changes, took in 4.");
});

it("says why a connection failed beside the form", async () => {
  connectError = { kind: "team_server", message: "The team's server refused: password authentication failed for user \"ana\"", fields: [] };
  const user = userEvent.setup();
  render(Team);
  await user.type(await screen.findByLabelText("Connection string"), "postgresql://ana@db.example.com/partnerly");
  await user.click(screen.getByRole("button", { name: "Connect" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("password authentication failed");
});

it("shows waiting changes, an offline state with its reason, and conflicts to settle", async () => {
  view = connected({
    waiting: 3,
    state: { last_synced_at: "2026-12-04T08:00:00Z", offline_since: null, last_error: null },
  });
  const { unmount } = render(Team);
  expect(await screen.findByTestId("team-sync-state")).toHaveTextContent("3 changes waiting");
  unmount();
  team.view = null;

  view = connected({
    state: { last_synced_at: "2026-12-04T08:00:00Z", offline_since: "2026-12-04T09:42:00Z", last_error: "The team's server cannot be reached" },
    conflicts: [
      {
        tree: "partnerships",
        key: [7, 48, 185, 190, 122, 232, 71, 50, 134, 69, 30, 217, 126, 56, 173, 103],
        problem: "Ben and Ana Lopes changed the status of a partnership at the same time.",
        authors: ["Ben", "Ana Lopes"],
        found_at: "2026-12-04T09:00:00Z",
        creators: [],
        id: "706172",
      },
      {
        tree: "creators",
        key: [],
        problem: "Two creators hold the Instagram account @noralind after Ben's change was merged (Nora L. and Nora Lind).",
        authors: ["Ben", "Ana Lopes"],
        found_at: "2026-12-04T09:00:00Z",
        creators: ["b-id", "a-id"],
        id: "637265",
      },
    ],
  });
  const user = userEvent.setup();
  render(Team);
  expect(await screen.findByTestId("team-sync-state")).toHaveTextContent(/^Offline since/);
  expect(screen.getByRole("status")).toHaveTextContent("The team's server cannot be reached");
  expect(screen.getByRole("button", { name: "Connect again…" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Open the partnership" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Merge into one creator" })).toBeInTheDocument();
  // A field conflict is seen and dismissed; two creators are merged instead.
  expect(screen.getAllByRole("button", { name: "Seen, dismiss" })).toHaveLength(1);
  await user.click(screen.getByRole("button", { name: "Seen, dismiss" }));
  expect(calls).toContainEqual(["team_dismiss_conflict", { id: "706172" }]);
});
