import { render, screen, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { Scorecard } from "../bindings";
import ScorecardView from "./ScorecardView.svelte";
import { scorecard } from "./fixtures";

function withDetail(): Scorecard {
  const card = scorecard("Daniel Okafor", 540_000, null, 0);
  card.audience_fit = {
    value: 27.6,
    status: "incomplete",
    components: [
      { name: "Countries", value: 6, weight: 0.5, inputs: "DE 6 % × 1.00 = 6" },
      { name: "Ages", value: null, weight: 0.25, inputs: "unknown: no audience age bands recorded" },
    ],
    penalties: [],
    missing: ["the creator's audience age bands"],
  };
  card.alignment.penalties = [{ reason: "partnered with Oatly, a competitor, on 2026-07-27", points: 30 }];
  card.red_flags = {
    flags: [{ kind: "growth_spike", title: "A sudden jump in followers: possibly bought", evidence: "rose by 58,000 in a day" }],
    not_checked: ["audience credibility: not in any imported export"],
  };
  card.verdict = { kind: "not_recommended", reasons: ["worked with Oatly, a competitor, on 2026-07-27"] };
  return card;
}

describe("ScorecardView", () => {
  it("shows the verdict's reasons, every component, the penalties and what is missing", () => {
    render(ScorecardView, { card: withDetail() });
    const verdict = screen.getByRole("region", { name: "Verdict" });
    expect(verdict).toHaveTextContent("Not recommended");
    expect(verdict).toHaveTextContent("worked with Oatly, a competitor, on 2026-07-27");

    const fit = screen.getByRole("region", { name: /Audience fit/ });
    expect(within(fit).getByText("27.6")).toBeVisible();
    expect(fit).toHaveTextContent("Incomplete: computed from the parts that are known.");
    expect(fit).toHaveTextContent("DE 6 % × 1.00 = 6");
    expect(fit).toHaveTextContent("Missing: the creator's audience age bands.");

    const alignment = screen.getByRole("region", { name: /Alignment/ });
    expect(alignment).toHaveTextContent("−30 · partnered with Oatly, a competitor, on 2026-07-27");

    expect(screen.getByRole("note")).toHaveTextContent("A sudden jump in followers: possibly bought");
    expect(screen.getByText("Not checked: audience credibility: not in any imported export")).toBeVisible();
  });
});
