// Words and numbers of vetting, as the screens show them.
import type { CheckEntry, CheckItem, FlagKind, RateMethod, Score, Tier, TierBoundaries, VerdictKind } from "../bindings";
import { compactNumber } from "./format";

export const checkLabel: Record<CheckItem, string> = {
  content_quality: "Content quality reviewed",
  audience_demographics: "Audience demographics reviewed",
  past_partnerships: "Past partnerships reviewed",
  brand_safety: "Brand safety and past behaviour checked",
  engagement_authenticity: "Engagement authenticity checked",
};

export const verdictLabel: Record<VerdictKind, string> = {
  recommended: "Recommended",
  caution: "Caution",
  not_recommended: "Not recommended",
};

export const methodLabel: Record<RateMethod, string> = {
  followers: "by followers",
  views: "by views",
  reach: "by reach",
  impressions: "by impressions",
};

/** 0.02134 -> "2.13 %". Rates are stored as fractions. */
export function percent(fraction: number, digits = 2): string {
  return `${(fraction * 100).toFixed(digits)} %`;
}

/** A score as a short text: "72", "72 (incomplete)", "Unknown", "Not scored". */
export function scoreText(score: Score): string {
  if (score.status === "not_applicable") return "Not scored";
  if (score.value === null) return "Unknown";
  const value = Number.isInteger(score.value) ? String(score.value) : score.value.toFixed(1);
  return score.status === "incomplete" ? `${value} (incomplete)` : value;
}

/** How many checklist items are done or waived. */
export function researchDone(checklist: CheckEntry[]): number {
  return checklist.filter((e) => e.state !== "open").length;
}

/** A flag in two or three words, for tables; the full title and evidence go in the tooltip and the scorecard. */
export const flagShort: Record<FlagKind, string> = {
  engagement_far_below: "Low engagement",
  engagement_far_above: "High engagement",
  low_credibility: "Low credibility",
  mass_followers: "Mass followers",
  growth_spike: "Follower spike",
  likes_comments_ratio: "Likes:comments",
};

export const tierName: Record<Tier, string> = {
  emerging: "Emerging",
  nano: "Nano",
  micro: "Micro",
  mid: "Mid-tier",
  macro: "Macro",
  mega: "Mega",
};

/** Nano 1K–10K, micro 10K–50K, mid-tier 50K–500K, macro 500K–1M, mega 1M+. */
export const USUAL_TIERS: TierBoundaries = { nano: 1000, micro: 10000, mid: 50000, macro: 500000, mega: 1000000 };

/** Each tier with its follower range under `b`: "Micro (10K–50K)". */
export function tierOptions(b: TierBoundaries): [Tier, string][] {
  const k = (n: number) => compactNumber(n);
  return [
    ["emerging", `${tierName.emerging} (under ${k(b.nano)})`],
    ["nano", `${tierName.nano} (${k(b.nano)}–${k(b.micro)})`],
    ["micro", `${tierName.micro} (${k(b.micro)}–${k(b.mid)})`],
    ["mid", `${tierName.mid} (${k(b.mid)}–${k(b.macro)})`],
    ["macro", `${tierName.macro} (${k(b.macro)}–${k(b.mega)})`],
    ["mega", `${tierName.mega} (${k(b.mega)}+)`],
  ];
}
