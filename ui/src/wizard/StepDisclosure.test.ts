import { render, screen, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import type { MarketRule } from "../bindings";
import { campaign, partnershipView } from "./fixtures";
import StepDisclosure from "./StepDisclosure.svelte";

const poland: MarketRule = {
  market: "PL",
  name: "Poland",
  labels: ["Reklama", "#reklama", "Płatna współpraca z Verdant Kitchen"],
  not_enough: ["#ad", "#współpraca"],
  first: true,
  placement: "at the start of the description or recording, in Polish, naming the brand",
  reminders: ['Say and show "reklama" at the start of the recording, not only at the end.'],
  sources: [{ name: "UOKiK, Rekomendacje (September 2022)", checked: "2026-12-04" }],
};

describe("StepDisclosure", () => {
  it("shows each market's label, what is not enough there, its reminders and its sources", () => {
    const view = {
      ...partnershipView("Sofía Herrera", "negotiating"),
      campaign: campaign(["PL", "ZA"]),
      disclosure_markets: [poland],
      disclosure: ['PL: label each post "Reklama" at the start…', "ZA: label each post as advertising…"],
    };
    render(StepDisclosure, { view });

    const pl = within(screen.getByRole("region", { name: "Poland (PL)" }));
    expect(pl.getByText("Reklama")).toBeInTheDocument();
    expect(pl.getByText(/first in the caption: at the start of the description/)).toBeInTheDocument();
    expect(pl.getByText("#reklama, Płatna współpraca z Verdant Kitchen")).toBeInTheDocument();
    expect(pl.getByText("#ad, #współpraca")).toBeInTheDocument();
    expect(pl.getByText(/^Say and show "reklama"/)).toBeInTheDocument();
    expect(pl.getByText("UOKiK, Rekomendacje (September 2022)")).toBeInTheDocument();
    expect(pl.getByText("(checked 2026-12-04)")).toBeInTheDocument();
    expect(screen.getByText(/Partnerly has no rules of its own for ZA/)).toBeInTheDocument();
    expect(screen.getByText("ZA: label each post as advertising…")).toBeInTheDocument();
  });

  it("asks for the campaign first", () => {
    render(StepDisclosure, { view: partnershipView("Sofía Herrera", "negotiating") });
    expect(screen.getByText(/Choose the campaign first/)).toBeInTheDocument();
  });
});
