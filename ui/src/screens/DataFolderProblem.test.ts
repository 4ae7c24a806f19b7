import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import type { WorkspaceStatus } from "../bindings";
import DataFolderProblem from "./DataFolderProblem.svelte";

afterEach(() => clearMocks());

const inUse: WorkspaceStatus = {
  data_dir: "/home/ana/.local/share/app.partnerly.desktop",
  problem: {
    kind: "data_folder_in_use",
    message: "This data folder is open in another Partnerly window (/home/ana/.local/share/app.partnerly.desktop)",
    fields: [],
  },
  influencers: 0,
  welcome: false,
};

it("says the folder is in use, and opens the workspace once it is free", async () => {
  mockIPC(() => ({ ...inUse, problem: null, influencers: 3 }));
  const onopened = vi.fn();
  render(DataFolderProblem, { status: inUse, onopened });

  expect(screen.getByRole("heading", { name: "Your data is open in another window" })).toBeInTheDocument();
  expect(screen.getByText(/This data folder is open in another Partnerly window/)).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Try again" }));
  expect(onopened).toHaveBeenCalledWith({ ...inUse, problem: null, influencers: 3 });
});

it("keeps explaining when the folder is still unavailable", async () => {
  const damaged = { kind: "data_folder_unavailable" as const, message: "The stored data is damaged and cannot be read (x)", fields: [] };
  mockIPC(() => ({ ...inUse, problem: damaged }));
  const onopened = vi.fn();
  render(DataFolderProblem, { status: inUse, onopened });
  await userEvent.click(screen.getByRole("button", { name: "Try again" }));
  expect(await screen.findByRole("heading", { name: "Partnerly can't open your data" })).toBeInTheDocument();
  expect(screen.getByText(/To go back to a copy from an earlier start/)).toBeInTheDocument();
  expect(onopened).not.toHaveBeenCalled();
});
