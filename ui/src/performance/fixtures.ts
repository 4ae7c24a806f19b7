// A small dashboard as the app sends it, for component tests.
import type { Dashboard, Kpi, Post } from "../bindings";
import { campaign } from "../wizard/fixtures";

export function kpi(key: string, label: string, unit: Kpi["unit"], value: number | null, missing: string | null = null): Kpi {
  return {
    key,
    label,
    unit,
    value,
    shown: value === null ? "-" : String(value),
    formula: `${key} formula`,
    worked: value === null ? null : `${key} worked`,
    missing,
  };
}

export const post: Post = {
  partnership_id: "p-mara",
  deliverable: 0,
  url: "https://www.tiktok.com/@maraeats/video/1",
  published_on: "2026-11-26",
  influencer_id: "c-mara",
  creator: "Mara Costa",
  deliverable_name: "TikTok short video",
  platform: "tiktok",
  handle: "maraeats",
  followers: 126500,
};

export function dashboard(scope: string | null = null): Dashboard {
  return {
    campaign: campaign(["DE"]),
    today: "2026-11-29",
    scope,
    title: scope ? "Mara Costa in Spring oat barista launch" : "Spring oat barista launch",
    currency: "EUR",
    readings: 3,
    figures: [kpi("reach", "Reach", "count", 58500), kpi("views", "Views", "count", 74000)],
    kpis: [
      kpi("engagement_rate", "Engagement rate (by reach)", "fraction", 0.1265),
      kpi("ctr", "CTR", "fraction", null, "no link clicks recorded"),
    ],
    targets: [
      {
        metric: "reach",
        label: "reach",
        due: "2026-12-31",
        target: "1,500,000",
        actual: "58,500",
        achieved: 0.039,
        time_gone: 0.47,
        pace: "behind",
        sentence: "4 % of the reach target with 53 % of the time left",
      },
    ],
    creators: [
      {
        partnership_id: "p-mara",
        influencer_id: "c-mara",
        creator: "Mara Costa",
        status: "Live",
        posts: 1,
        figures: [kpi("reach", "Reach", "count", 58500)],
        engagement_rate: kpi("engagement_rate", "ER", "fraction", 0.1265),
        cpe: kpi("cpe", "CPE", "money", 0.77),
        roi: kpi("roi", "ROI", "fraction", null, "no revenue recorded"),
        kpis: [kpi("cpm", "CPM", "money", 76.76), kpi("roas", "ROAS", "ratio", null, "no revenue recorded")],
      },
    ],
    posts: [
      {
        post,
        last_read: "2026-11-29",
        readings: 3,
        figures: [kpi("views", "Views", "count", 74000)],
        engagement_rate: kpi("engagement_rate", "ER", "fraction", 0.1265),
        cpe: kpi("cpe", "CPE", "money", 0.38),
        kpis: [kpi("cpc", "CPC", "money", 2.7)],
      },
    ],
    emv: null,
    charts: [
      {
        id: "over_time",
        title: "Reach and views over time",
        svg: '<svg viewBox="0 0 10 10"><text>Reach</text></svg>',
        summary: "Reach 58,500 by 29 Nov 2026.",
      },
    ],
    notes: ["Fees come from the agreements."],
    summary_notes: "",
    payments: [],
    rights: [],
    sales: [],
    sales_rule: "Attributed by discount code: an order counts for the partnership whose terms carry the code it used.",
  };
}
