// A partnership as the app sends it, for component tests.
import type { Campaign, PartnershipView, Terms, Undefined } from "../bindings";

export function emptyTerms(): Terms {
  return {
    parties: { brand_legal_name: "", brand_contact: "", creator_legal_name: "", creator_contact: "" },
    deliverables: [],
    compensation: {
      currency: "EUR",
      flat_fee: null,
      per_deliverable_fee: null,
      product_value: null,
      commission: null,
      affiliate_terms: "",
      schedule: [],
      kill_fee: null,
      payment_term_days: null,
    },
    rights: {
      organic_reposting: false,
      paid_amplification: false,
      duration_months: null,
      territory: [],
      channels: [],
      ownership: "creator_licenses",
    },
    exclusivity: { required: false, category: "", competitors: [], days_before: 0, days_after: 0 },
    brief: {
      key_messages: [],
      guidelines: "",
      dos: [],
      donts: [],
      mandatory: [],
      creator_judgement: [],
      review_days: null,
      revision_rounds: 2,
      no_answer_rule: "",
    },
  };
}

export function partnershipView(
  name: string,
  status: PartnershipView["partnership"]["status"],
  undefinedDetails: Undefined[] = [],
): PartnershipView {
  const now = "2026-11-29T10:00:00Z";
  return {
    partnership: {
      id: `id-${name}`,
      campaign_id: "campaign-1",
      influencer_id: `creator-${name}`,
      status,
      step: "review",
      terms: emptyTerms(),
      agreed_at: null,
      created_at: now,
      updated_at: now,
      timeline: [],
    },
    campaign: null,
    brand: { id: "brand-1", name: "Verdant Kitchen" },
    influencer: {
      id: `creator-${name}`,
      name,
      accounts: [{ platform: "instagram", handle: "someone", followers: 7900 }],
      email: null,
      country: "ES",
      niches: [],
      notes: "",
      created_at: now,
      updated_at: now,
    },
    undefined: undefinedDetails,
    concerns: [],
    disclosure: [],
    disclosure_markets: [],
    next_due: null,
    progress: [],
    payments: [],
  };
}

/** The sample campaign, running in the markets given. */
export function campaign(markets: string[]): Campaign {
  const now = "2026-11-29T10:00:00Z";
  return {
    id: "campaign-1",
    brand_id: "brand-1",
    name: "Spring oat barista launch",
    objective: "sales",
    targets: [],
    budget: { minor: 4500000, currency: "EUR" },
    start: "2026-11-01",
    end: "2026-12-31",
    markets,
    created_at: now,
    updated_at: now,
  };
}
