import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import About from "./About.svelte";
import licenses from "./licenses.json";

afterEach(() => clearMocks());

describe("About", () => {
  it("shows the version and finds any bundled component's licence", async () => {
    mockIPC((cmd) => {
      if (cmd === "plugin:app|version") return "0.1.0";
      throw new Error(`unexpected command ${cmd}`);
    });
    render(About, { onclose: () => {} });
    expect(await screen.findByText(/Version 0\.1\.0/)).toBeInTheDocument();
    const total = licenses.rust.length + licenses.npm.length + licenses.fonts.length;
    expect(screen.getByRole("heading", { name: `Built with ${total} open-source components` })).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText("Find a component or licence"), "sled");
    const row = screen.getByText("sled").closest("tr")!;
    expect(within(row).getByText("0.34.7")).toBeInTheDocument();
    expect(screen.queryByText("typst")).toBeNull();

    await userEvent.clear(screen.getByLabelText("Find a component or licence"));
    await userEvent.type(screen.getByLabelText("Find a component or licence"), "OFL");
    expect(screen.getByRole("heading", { name: "Fonts (1)" })).toBeInTheDocument();
    expect(screen.getByText("@fontsource-variable/inter")).toBeInTheDocument();
  });
});
