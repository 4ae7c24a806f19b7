import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, it, vi } from "vitest";
import type { CsvPreview, ImportSummary } from "../bindings";
import ImportFlow from "./ImportFlow.svelte";

afterEach(() => clearMocks());

const file: CsvPreview = {
  token: 4,
  file_name: "creators.csv",
  path: "/home/ana/creators.csv",
  remembered: false,
  preview: {
    encoding: "windows-1252",
    delimiter: ";",
    header_line: 2,
    header: ["Who", "IG", "Reach"],
    mapping: [null, null, { field: "followers" }],
    rows: [
      ["Chloé Martin", "@chloe.runs", "4 300"],
      ["Renée Côté", "renee.cote", "23 400"],
    ],
    stored: [
      { kind: "rejected", reason: "no handle or profile link" },
      { kind: "rejected", reason: "no handle or profile link" },
    ],
  },
};

const summary: ImportSummary = {
  imported: 1,
  updated: 0,
  unchanged: 0,
  rejected: [{ line: 7, reason: "followers '-5' cannot be negative" }],
};

it("shows how the file was read and needs an account column before importing", async () => {
  mockIPC(() => null);
  render(ImportFlow, { file, ondone: vi.fn() });
  expect(screen.getByText(/windows-1252 · semicolon-separated · header on line\s+2/)).toBeInTheDocument();
  expect(screen.getByRole("cell", { name: "Chloé Martin" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Import" })).toBeDisabled();
  expect(screen.getByRole("alert")).toHaveTextContent("Choose which column holds the handle or profile link");

  expect(screen.getAllByRole("cell", { name: "Not imported: no handle or profile link" })).toHaveLength(2);
});

it("shows the rows as the app will store them, read again when a column changes", async () => {
  const asked: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd !== "preview_csv_rows") return null;
    asked.push((args as { mapping: unknown }).mapping);
    return [
      {
        kind: "creator",
        name: "Chloé Martin",
        accounts: [{ platform: "instagram", handle: "chloe.runs", followers: 4300 }],
        email: null,
        country: null,
        niches: [],
      },
      { kind: "skipped" },
    ];
  });
  render(ImportFlow, { file, ondone: vi.fn() });
  await userEvent.selectOptions(screen.getByLabelText("Column IG holds"), "Instagram handle");
  expect(screen.getByRole("button", { name: "Import" })).toBeEnabled();

  expect(await screen.findByRole("cell", { name: "Instagram @chloe.runs · 4,300" })).toBeInTheDocument();
  expect(screen.getByRole("cell", { name: "Skipped: a blank or total row" })).toBeInTheDocument();
  expect(asked.at(-1)).toEqual([null, { field: "platform_handle", platform: "instagram" }, { field: "followers" }]);
});

it("imports with the chosen columns and reports rejected rows by line", async () => {
  const calls: [string, unknown][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    return cmd === "run_csv_import" ? summary : null;
  });
  const ondone = vi.fn();
  render(ImportFlow, { file, ondone });
  await userEvent.selectOptions(screen.getByLabelText("Column Who holds"), "Name");
  await userEvent.selectOptions(screen.getByLabelText("Column IG holds"), "Instagram handle");
  await userEvent.click(screen.getByRole("button", { name: "Import" }));

  expect(await screen.findByText("line 7")).toBeInTheDocument();
  expect(screen.getByText("followers '-5' cannot be negative")).toBeInTheDocument();
  const [command, args] = calls.find(([cmd]) => cmd === "run_csv_import")!;
  expect(command).toBe("run_csv_import");
  expect((args as { mapping: unknown }).mapping).toEqual([
    { field: "name" },
    { field: "platform_handle", platform: "instagram" },
    { field: "followers" },
  ]);
  await userEvent.click(screen.getByRole("button", { name: "Done" }));
  expect(ondone).toHaveBeenCalledWith(summary);
});

it("discards the held file when cancelled before importing", async () => {
  const calls: string[] = [];
  mockIPC((cmd) => {
    calls.push(cmd);
    return null;
  });
  const ondone = vi.fn();
  render(ImportFlow, { file, ondone });
  await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
  expect(calls).toEqual(["discard_csv_import"]);
  expect(ondone).toHaveBeenCalledWith(null);
});
