// The words the campaign and partnership screens use for the app's values,
// and the small conversions between what people type and what is stored.
import type { ContentFormat, KpiMetric, Money, Objective, Status, Step, TargetValue } from "../bindings";
import { locale } from "./format";

export const objectiveLabel: Record<Objective, string> = {
  brand_awareness: "Brand awareness",
  sales: "Sales and conversions",
  audience: "Reaching a specific audience",
};

export const metricLabel: Record<KpiMetric, string> = {
  reach: "Reach",
  impressions: "Impressions or views",
  engagement_rate: "Engagement rate (%)",
  clicks: "Clicks",
  conversions: "Conversions",
  revenue: "Revenue",
  roi: "ROI (%)",
  cost_per_result: "Cost per result",
};

export const statusLabel: Record<Status, string> = {
  prospect: "Prospect",
  negotiating: "Negotiating",
  agreed: "Agreed",
  in_production: "In production",
  live: "Live",
  completed: "Completed",
  cancelled: "Cancelled",
};

export const statuses = Object.keys(statusLabel) as Status[];

/** Statuses that stand on an agreement: nothing may be undefined. */
export function needsAgreement(status: Status): boolean {
  return status === "agreed" || status === "in_production" || status === "live" || status === "completed";
}

export const steps: { id: Step; label: string }[] = [
  { id: "campaign", label: "Campaign" },
  { id: "creator", label: "Creator" },
  { id: "deliverables", label: "Deliverables" },
  { id: "compensation", label: "Compensation" },
  { id: "rights", label: "Rights and exclusivity" },
  { id: "disclosure", label: "Disclosure" },
  { id: "brief", label: "Brief and collaboration" },
  { id: "review", label: "Review" },
];

export function stepNumber(step: Step): number {
  return steps.findIndex((s) => s.id === step) + 1;
}

export const formatLabel: Record<ContentFormat, string> = {
  feed_post: "Feed post",
  reel: "Reel",
  story_set: "Story set",
  short_video: "Short video",
  long_video: "Long video",
  live: "Live stream",
  blog: "Blog post",
};

export const formats = Object.keys(formatLabel) as ContentFormat[];

/** Decimals of a currency's minor unit (the app's table has the same two exceptions). */
function minorDigits(currency: string): number {
  return currency === "JPY" || currency === "KRW" ? 0 : 2;
}

/** Money as people read it, in their locale: "€3,200.00". */
export function moneyText(money: Money): string {
  const digits = minorDigits(money.currency);
  try {
    return new Intl.NumberFormat(locale(), { style: "currency", currency: money.currency }).format(
      money.minor / 10 ** digits,
    );
  } catch {
    return `${money.currency} ${(money.minor / 10 ** digits).toFixed(digits)}`;
  }
}

/** An amount the app sends as minor units beside its currency (totals, what is open). */
export function minorText(minor: number, currency: string): string {
  return moneyText({ minor, currency });
}

/** An amount as it goes back into a text field: "3200.5" (the app reads any locale). */
export function amountInput(money: Money | null): string {
  if (!money) return "";
  const digits = minorDigits(money.currency);
  return String(money.minor / 10 ** digits);
}

export function targetText(value: TargetValue): string {
  switch (value.unit) {
    case "count":
      return new Intl.NumberFormat(locale()).format(value.amount);
    case "fraction":
      return new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 1 }).format(value.amount);
    case "money":
      return moneyText(value.amount);
  }
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date field's text as stored: `null` when empty, the day when it reads
 * as one, or a sentence saying what is wrong.
 */
export function readDay(text: string): { day: string | null } | { error: string } {
  const trimmed = text.trim();
  if (!trimmed) return { day: null };
  const parsed = new Date(`${trimmed}T00:00:00Z`);
  if (!ISO_DAY.test(trimmed) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== trimmed) {
    return { error: `'${trimmed}' is not a date like 2026-05-15.` };
  }
  return { day: trimmed };
}

/** "One per line" text areas: lines, trimmed, without blanks. */
export function lines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}
