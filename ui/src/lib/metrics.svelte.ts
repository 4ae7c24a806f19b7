// Words and formats for a campaign's figures, and post exports dropped on the
// window while a performance dashboard is open (they go to it, not the roster).

import type { CsvPreview, Kpi, Measure, Pace } from "../bindings";
import { locale } from "./format";

export const measureLabel: Record<Measure, string> = {
  views: "Views",
  reach: "Reach",
  likes: "Likes",
  comments: "Comments",
  shares: "Shares",
  saves: "Saves",
  clicks: "Link clicks",
  conversions: "Conversions",
  revenue: "Revenue",
  fee: "Fee",
  product: "Product",
  ad_spend: "Ad spend",
};

export const measures = Object.keys(measureLabel) as Measure[];

export function isMoney(measure: Measure): boolean {
  return measure === "revenue" || measure === "fee" || measure === "product" || measure === "ad_spend";
}

export const paceLabel: Record<Pace, string> = {
  met: "Met",
  on_track: "On track",
  behind: "Behind",
  missed: "Missed",
  no_data: "No data",
  share: "Share",
};

/** A figure in the person's locale; "–" when there is none (the reason is shown beside it). */
export function kpiText(kpi: Kpi, currency: string): string {
  if (kpi.value === null) return "–";
  switch (kpi.unit) {
    case "count":
      return new Intl.NumberFormat(locale()).format(Math.round(kpi.value));
    case "fraction":
      return new Intl.NumberFormat(locale(), { style: "percent", maximumFractionDigits: 2 }).format(kpi.value);
    case "money":
      return new Intl.NumberFormat(locale(), { style: "currency", currency }).format(kpi.value);
    case "ratio":
      return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(kpi.value)}×`;
  }
}

/** How a figure was worked out, or why there is none. */
export function kpiWorking(kpi: Kpi): string {
  return kpi.missing ?? (kpi.worked ? `${kpi.formula} = ${kpi.worked}` : kpi.formula);
}

/** Files dropped while a dashboard is open, waiting for it to read them. */
export const droppedMetrics = $state<CsvPreview[]>([]);
