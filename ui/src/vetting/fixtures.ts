// Scorecards and brands for component tests, shaped like the app's answers.
import type { Brand, CheckEntry, Scorecard, ShortlistItem } from "../bindings";
import { checkLabel } from "../lib/vetting";

export function brand(overrides: Partial<Brand> = {}): Brand {
  return {
    id: "brand-1",
    name: "Verdant Kitchen",
    values: ["vegan"],
    audience: { countries: [{ key: "DE", weight: 1 }], age_bands: [], genders: [], interests: [] },
    excluded_topics: [],
    competitors: [],
    markets: ["DE"],
    shortlist: [],
    created_at: "2026-11-24T09:00:00Z",
    updated_at: "2026-11-24T09:00:00Z",
    ...overrides,
  };
}

/** A scorecard with `done` checklist items done and the rest open. */
export function scorecard(name: string, followers: number, fit: number | null, done: number): Scorecard {
  const checklist = (Object.keys(checkLabel) as CheckEntry["item"][]).map((item, index): CheckEntry =>
    index < done
      ? { item, state: "done", note: "looked", evidence: null, by: "ana", at: "2026-11-24T09:00:00Z" }
      : { item, state: "open" },
  );
  const score = (value: number | null) => ({
    value,
    status: value === null ? ("unknown" as const) : ("complete" as const),
    components: [],
    penalties: [],
    missing: value === null ? ["the creator's audience countries"] : [],
  });
  return {
    brand: { id: "brand-1", name: "Verdant Kitchen" },
    influencer: {
      id: `id-${name}`,
      name,
      accounts: [{ platform: "instagram", handle: name.toLowerCase().replace(/\s/g, "."), followers }],
      email: null,
      country: "DE",
      niches: ["vegan food"],
      notes: "",
      created_at: "2026-11-24T09:00:00Z",
      updated_at: "2026-11-24T09:00:00Z",
    },
    computed_on: "2026-11-24",
    engagement: [],
    audience_fit: score(fit),
    alignment: score(80),
    red_flags: { flags: [], not_checked: [] },
    checklist,
    past_partnerships: [],
    histories: [],
    verdict: {
      kind: done === checklist.length && fit !== null ? "recommended" : "caution",
      reasons: done === checklist.length ? ["all good"] : [`research checklist: ${5 - done} of 5 items open`],
    },
  };
}

export function item(card: Scorecard, chosen = false): ShortlistItem {
  return {
    entry: { influencer_id: card.influencer.id, added_at: "2026-11-24T09:00:00Z", chosen_at: chosen ? "2026-11-24T10:00:00Z" : null },
    scorecard: card,
  };
}
