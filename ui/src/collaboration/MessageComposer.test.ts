import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { Message, PartnershipView, TemplateKind } from "../bindings";
import { partnershipView } from "../wizard/fixtures";
import MessageComposer from "./MessageComposer.svelte";

afterEach(() => clearMocks());

function composed(kind: TemplateKind, language: string | null): Message {
  const german = language === null || language === "de";
  return {
    kind,
    language: german ? "de" : "en",
    languages: ["en", "de", "es", "fr"],
    creator_language: "de",
    to: "hello@jonasrides.de",
    subject: german ? `Betreff ${kind}` : `Subject ${kind}`,
    body: german ? "Hallo Jonas,\n\nHonorar: [fee]" : "Hi Jonas,\n\nFee: [fee]",
    gaps: ["fee: the terms have no fee yet"],
  };
}

describe("MessageComposer", () => {
  it("fills the message in the creator's language, switches language and logs the edited text", async () => {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    const view: PartnershipView = partnershipView("Jonas Weber", "agreed");
    mockIPC((cmd, args) => {
      const a = args as Record<string, unknown>;
      calls.push({ cmd, args: a });
      if (cmd === "compose_message") return composed(a.kind as TemplateKind, a.language as string | null);
      if (cmd === "log_message_sent") return view;
      throw new Error(`unexpected command ${cmd}`);
    });
    render(MessageComposer, { view, onchanged: () => {} });

    const subject = await screen.findByLabelText("Subject");
    await waitFor(() => expect(subject).toHaveValue("Betreff offer"));
    expect(screen.getByLabelText("Message text")).toHaveValue("Hallo Jonas,\n\nHonorar: [fee]");
    expect(screen.getByText("fee: the terms have no fee yet")).toBeInTheDocument();
    expect(screen.getByText("To: hello@jonasrides.de")).toBeInTheDocument();
    expect(screen.getByRole("option", { name: "German (creator's)" })).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText("Message"), "payment_sent");
    await waitFor(() => expect(subject).toHaveValue("Betreff payment_sent"));
    await userEvent.selectOptions(screen.getByLabelText("Language"), "en");
    await waitFor(() => expect(subject).toHaveValue("Subject payment_sent"));
    expect(calls.at(-1)?.args).toMatchObject({ kind: "payment_sent", language: "en" });

    const text = screen.getByLabelText("Message text");
    await userEvent.clear(text);
    await userEvent.type(text, "Paid today.");
    await userEvent.click(screen.getByRole("button", { name: "Log as sent" }));
    await waitFor(() =>
      expect(calls.find((c) => c.cmd === "log_message_sent")?.args).toMatchObject({
        kind: "payment_sent",
        subject: "Subject payment_sent",
        body: "Paid today.",
      }),
    );
  });

  it("cannot open the mail app without an address, and says so", async () => {
    mockIPC((cmd) => {
      if (cmd === "compose_message") return { ...composed("offer", null), to: null };
      throw new Error(`unexpected command ${cmd}`);
    });
    render(MessageComposer, { view: partnershipView("Jonas Weber", "agreed"), onchanged: () => {} });
    expect(await screen.findByText(/No email address for Jonas Weber/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open in mail app" })).toBeDisabled();
  });
});
