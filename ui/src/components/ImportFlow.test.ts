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
    asks_platform: false,
    platform: null,
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
  rejected: [{ line: 7, reason: "platform 'myspace' is not one Partnerly knows" }],
  warnings: [{ line: 9, column: "Country", reason: "country 'All' is not one Partnerly knows; left empty" }],
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
        warnings: [],
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
  expect(screen.getByText("platform 'myspace' is not one Partnerly knows")).toBeInTheDocument();
  expect(screen.getByText("line 9").closest("li")).toHaveTextContent(
    "line 9Country country 'All' is not one Partnerly knows; left empty",
  );
  expect(screen.getByText("cells left empty").previousElementSibling).toHaveTextContent("1");
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

it("asks which platform handles are on, guessed from the file, and imports with the one chosen", async () => {
  const calls: [string, Record<string, unknown>][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args as Record<string, unknown>]);
    if (cmd === "preview_csv_rows") {
      return [
        {
          kind: "creator",
          name: null,
          accounts: [{ platform: "youtube", handle: "ana", followers: 1200 }],
          email: null,
          country: null,
          niches: [],
          warnings: [{ column: "Country", reason: "country 'All' is not one Partnerly knows; left empty" }],
        },
      ];
    }
    return cmd === "run_csv_import" ? summary : null;
  });
  const tiktok: CsvPreview = {
    ...file,
    file_name: "tiktok creators.csv",
    preview: {
      ...file.preview,
      header: ["Username", "Followers", "Country"],
      mapping: [{ field: "handle" }, { field: "followers" }, { field: "country" }],
      asks_platform: true,
      platform: "tiktok",
      rows: [["@ana", "1200", "All"]],
      stored: [],
    },
  };
  render(ImportFlow, { file: tiktok, ondone: vi.fn() });
  const choice = screen.getByLabelText("These accounts are on");
  expect(choice).toHaveValue("tiktok");
  expect(screen.getByText("Guessed from the file's name or columns.")).toBeInTheDocument();

  await userEvent.selectOptions(choice, "YouTube");
  expect(await screen.findByRole("cell", { name: "YouTube @ana · 1,200" })).toBeInTheDocument();
  expect(screen.getByRole("cell", { name: /Country: country 'All'/ })).toBeInTheDocument();
  expect(calls.filter(([cmd]) => cmd === "preview_csv_rows").at(-1)![1].platform).toBe("youtube");

  await userEvent.click(screen.getByRole("button", { name: "Import" }));
  await screen.findByText("line 7");
  expect(calls.find(([cmd]) => cmd === "run_csv_import")![1].platform).toBe("youtube");
});

it("does not ask for a platform when a column names it", () => {
  mockIPC(() => null);
  render(ImportFlow, {
    file: {
      ...file,
      preview: { ...file.preview, mapping: [{ field: "platform" }, { field: "handle" }, { field: "followers" }] },
    },
    ondone: vi.fn(),
  });
  expect(screen.queryByLabelText("These accounts are on")).not.toBeInTheDocument();
});
