import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { DeliverableProgress, Entry, PartnershipView } from "../bindings";
import { partnershipView } from "../wizard/fixtures";
import DeliverableWork from "./DeliverableWork.svelte";

afterEach(() => clearMocks());

const reel: DeliverableProgress = {
  deliverable: 0,
  name: "Instagram reel",
  stage: "draft_submitted",
  due: "2026-12-10",
  overdue: false,
  rounds_used: 2,
  rounds_included: 2,
};

function entry(event: Entry["event"]): Entry {
  return { on: "2026-12-03", logged_at: `2026-12-03T10:00:0${Math.random()}Z`, by: "ana", deliverable: 0, event };
}

function withDraft(compliant: boolean): PartnershipView {
  const view = partnershipView("Sofía Herrera", "agreed");
  view.partnership.terms.brief.creator_judgement = ["The recipe"];
  view.partnership.timeline = [
    entry({
      kind: "draft",
      caption: "Frothing my latte",
      media: [],
      check: {
        compliant,
        findings: compliant
          ? []
          : [{ rule: "label_missing", market: "DE", message: "DE: no advertising label.", blocking: true }],
      },
    }),
  ];
  view.progress = [reel];
  return view;
}

describe("DeliverableWork", () => {
  it("asks for a reason before approving a draft that fails the disclosure check", async () => {
    let approved: string | null = null;
    mockIPC((cmd, args) => {
      if (cmd !== "approve_draft") throw new Error(`unexpected command ${cmd}`);
      approved = (args as { overrideReason: string }).overrideReason;
      return withDraft(false);
    });
    render(DeliverableWork, { view: withDraft(false), progress: reel, onchanged: () => {} });
    expect(screen.getByText("DE: no advertising label.")).toBeInTheDocument();
    const approve = screen.getByRole("button", { name: "Approve draft" });
    expect(approve).toBeDisabled();
    await userEvent.type(
      screen.getByLabelText("Why approve a draft that fails the disclosure check"),
      "Label on the video",
    );
    await userEvent.click(approve);
    expect(approved).toBe("Label on the video");
  });

  it("shows the warnings the app raised for feedback past the agreed rounds", async () => {
    mockIPC((cmd) => {
      if (cmd !== "give_feedback") throw new Error(`unexpected command ${cmd}`);
      const saved = withDraft(true);
      saved.partnership.timeline.push(
        entry({
          kind: "feedback",
          text: "Once more",
          suggested_caption: "",
          changes_requested: true,
          warnings: ["This is change round 3 of 2 agreed: asking for more goes beyond the agreement."],
        }),
      );
      return saved;
    });
    render(DeliverableWork, { view: withDraft(true), progress: reel, onchanged: () => {} });
    expect(screen.getByRole("complementary", { name: "Left to the creator" })).toHaveTextContent("The recipe");
    await userEvent.type(screen.getByLabelText("Feedback"), "Once more");
    await userEvent.click(screen.getByRole("button", { name: "Send feedback" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This is change round 3 of 2 agreed");
  });
});
