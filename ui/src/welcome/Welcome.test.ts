import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import Welcome from "./Welcome.svelte";

let calls: [string, unknown][] = [];
let refuse = false;

beforeEach(() => {
  calls = [];
  refuse = false;
  mockIPC((cmd, args) => {
    calls.push([cmd, args]);
    if (cmd === "get_identity") return { name: "ana", chosen: false, system_name: "ana" };
    if (cmd === "set_your_name") {
      const name = (args as { name: string }).name.trim();
      if (!name) throw { kind: "invalid_input", message: "Your name … cannot be empty.", fields: [] };
      return { name, chosen: true, system_name: "ana" };
    }
    if (cmd === "answer_welcome") {
      if (refuse) throw { kind: "storage", message: "The database reported a problem: disk full", fields: [] };
      return (args as { withSample: boolean }).withSample ? 12 : 0;
    }
  });
});
afterEach(() => clearMocks());

it("loads the sample when asked, and says how much it added", async () => {
  const onanswered = vi.fn();
  render(Welcome, { dataDir: "/home/ana/.local/share/app.partnerly.desktop", onanswered });
  expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Welcome to Partnerly");
  expect(screen.getByText("/home/ana/.local/share/app.partnerly.desktop")).toBeInTheDocument();
  const name = screen.getByLabelText("Your name") as HTMLInputElement;
  await vi.waitFor(() => expect(name.value).toBe("ana"));
  await userEvent.clear(name);
  await userEvent.type(name, "Ana Lima");
  await userEvent.click(screen.getByRole("button", { name: "Try it with sample data" }));
  expect(calls).toEqual([
    ["get_identity", {}],
    ["set_your_name", { name: "Ana Lima" }],
    ["answer_welcome", { withSample: true }],
  ]);
  expect(onanswered).toHaveBeenCalledWith(12);
});

it("starts empty without loading anything", async () => {
  const onanswered = vi.fn();
  render(Welcome, { dataDir: "/d", onanswered });
  await vi.waitFor(() => expect(screen.getByLabelText("Your name")).toHaveValue("ana"));
  await userEvent.click(screen.getByRole("button", { name: "Start empty" }));
  // The system's name, kept as chosen: the question is not asked again.
  expect(calls).toEqual([
    ["get_identity", {}],
    ["set_your_name", { name: "ana" }],
    ["answer_welcome", { withSample: false }],
  ]);
  expect(onanswered).toHaveBeenCalledWith(0);
});

it("stays on the welcome when the name is left empty", async () => {
  const onanswered = vi.fn();
  render(Welcome, { dataDir: "/d", onanswered });
  const name = screen.getByLabelText("Your name");
  await vi.waitFor(() => expect(name).toHaveValue("ana"));
  await userEvent.clear(name);
  await userEvent.click(screen.getByRole("button", { name: "Start empty" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("cannot be empty");
  expect(onanswered).not.toHaveBeenCalled();
});

it("stays on the welcome and says why when the answer cannot be stored", async () => {
  refuse = true;
  const onanswered = vi.fn();
  render(Welcome, { dataDir: "/d", onanswered });
  await userEvent.click(screen.getByRole("button", { name: "Try it with sample data" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("disk full");
  expect(onanswered).not.toHaveBeenCalled();
  expect(screen.getByRole("button", { name: "Start empty" })).toBeEnabled();
});
