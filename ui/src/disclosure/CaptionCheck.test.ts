import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import CaptionCheck from "./CaptionCheck.svelte";

afterEach(() => clearMocks());

describe("CaptionCheck", () => {
  it("asks the app about the caption for the named markets and shows problems apart from reminders", async () => {
    const asked: { caption: string; markets: string[] }[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_countries") return [{ code: "DE", name: "Germany" }, { code: "US", name: "United States" }];
      if (cmd !== "check_caption") throw new Error(`unexpected command ${cmd}`);
      const { caption, markets } = args as { caption: string; markets: string[] };
      asked.push({ caption, markets });
      return {
        compliant: false,
        findings: [
          { rule: "vague_label_only", market: "DE", message: "DE: '#ad' on its own does not disclose an ad.", blocking: true },
          { rule: "platform_label", market: null, message: "Also turn on the Paid partnership label.", blocking: false },
        ],
      };
    });
    render(CaptionCheck);
    const markets = screen.getByLabelText("Markets");
    await userEvent.clear(markets);
    await userEvent.type(markets, "Germany, Narnia");
    expect(await screen.findByText("'Narnia' is not a country Partnerly knows.")).toBeInTheDocument();
    expect(markets).toHaveAttribute("aria-invalid", "true");

    await userEvent.clear(markets);
    await userEvent.type(markets, "Germany, us");
    await userEvent.type(screen.getByLabelText("Caption"), "Neues Rezept #ad");
    expect(await screen.findByText("Not compliant")).toBeInTheDocument();
    expect(screen.getByText("DE: '#ad' on its own does not disclose an ad.")).toBeInTheDocument();
    expect(screen.getByText("Check these yourself too")).toBeInTheDocument();
    await waitFor(() => expect(asked.at(-1)).toEqual({ caption: "Neues Rezept #ad", markets: ["DE", "US"] }));
  });
});
