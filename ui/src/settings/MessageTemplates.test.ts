import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { Template, Templates } from "../bindings";
import MessageTemplates from "./MessageTemplates.svelte";

afterEach(() => clearMocks());

const offer: Template = { kind: "offer", language: "en", subject: "Paid partnership with {brand}", body: "Hi {first_name}," };

function templates(edited: Template | null): Templates {
  return {
    templates: [
      { template: edited ?? offer, edited: edited !== null, builtin: true },
      { template: { ...offer, language: "de", subject: "Kooperation", body: "Hallo {first_name}," }, edited: false, builtin: true },
    ],
    fields: [{ name: "first_name", meaning: "the creator's first name" }],
  };
}

describe("MessageTemplates", () => {
  it("saves the person's wording, shows a refusal beside it, and offers to reset", async () => {
    let saved: Template | null = null;
    mockIPC((cmd, args) => {
      if (cmd === "message_templates") return templates(null);
      if (cmd === "save_message_template") {
        const template = (args as { template: Template }).template;
        if (template.body.includes("{nome}")) {
          throw { kind: "invalid_input", message: "{nome} is not a field Partnerly can fill.", fields: [] };
        }
        saved = template;
        return templates(template);
      }
      if (cmd === "reset_message_template") return templates(null);
      throw new Error(`unexpected command ${cmd}`);
    });
    render(MessageTemplates);
    const text = await screen.findByLabelText("Text");
    await waitFor(() => expect(text).toHaveValue("Hi {first_name},"));
    expect(screen.getByText("{first_name}")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Reset to Partnerly's wording" })).toBeNull();

    await userEvent.clear(text);
    await userEvent.type(text, "Olá {{nome}");
    await userEvent.click(screen.getByRole("button", { name: "Save template" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("{nome} is not a field Partnerly can fill.");

    await userEvent.clear(text);
    await userEvent.type(text, "Dear {{first_name}");
    await userEvent.click(screen.getByRole("button", { name: "Save template" }));
    await waitFor(() => expect(saved?.body).toBe("Dear {first_name}"));
    await userEvent.click(await screen.findByRole("button", { name: "Reset to Partnerly's wording" }));
    await waitFor(() => expect(text).toHaveValue("Hi {first_name},"));
  });
});
