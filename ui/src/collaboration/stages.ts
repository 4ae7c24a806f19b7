// Words and small derivations for the collaboration views.
import type { DeliverableProgress, Entry, Finding, PaymentLine, Stage } from "../bindings";

export const stageLabel: Record<Stage, string> = {
  planned: "Planned",
  draft_submitted: "Draft submitted",
  changes_requested: "Changes requested",
  approved: "Approved",
  published: "Published",
};

/** The newest draft logged for a deliverable, if any. */
export function latestDraft(timeline: Entry[], deliverable: number): Extract<Entry["event"], { kind: "draft" }> | null {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const entry = timeline[i];
    if (entry.deliverable === deliverable && entry.event.kind === "draft") return entry.event;
  }
  return null;
}

/** "2 of 2 change rounds used". */
export function roundsText(p: DeliverableProgress): string {
  return `${p.rounds_used} of ${p.rounds_included} change round${p.rounds_included === 1 ? "" : "s"} used`;
}

/** The day `days` after `today`, both as the app writes days. */
function daysAfter(today: string, days: number): string {
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + days);
  return limit.toISOString().slice(0, 10);
}

/** Deliverables due within `days` days of `today` (or overdue) and not yet published. */
export function dueSoon(progress: DeliverableProgress[], today: string, days: number): DeliverableProgress[] {
  const last = daysAfter(today, days);
  return progress.filter((p) => p.stage !== "published" && p.due !== null && (p.overdue || p.due <= last));
}

/** Payments with something open that fall due within `days` days of `today`, or are overdue. */
export function paymentsDueSoon(payments: PaymentLine[], today: string, days: number): PaymentLine[] {
  const last = daysAfter(today, days);
  return payments.filter(
    (p) => p.open_minor > 0 && p.due.date !== null && (p.overdue_days !== null || p.due.date <= last),
  );
}

/** Today as the app's dates are written, in the person's time zone. */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The latest draft's checks that text cannot make, each with whether a
 * person confirmed it since that draft (the app keeps the same rule).
 */
export function checklist(timeline: Entry[], deliverable: number): { finding: Finding; done: boolean }[] {
  const entries = timeline.filter((e) => e.deliverable === deliverable);
  let at = -1;
  entries.forEach((e, i) => {
    if (e.event.kind === "draft") at = i;
  });
  if (at < 0) return [];
  const draft = entries[at].event;
  if (draft.kind !== "draft") return [];
  const confirmed = entries
    .slice(at)
    .flatMap((e) => (e.event.kind === "confirmed" ? [`${e.event.rule}|${e.event.market ?? ""}`] : []));
  return draft.check.findings
    .filter((f) => !f.blocking)
    .map((finding) => ({ finding, done: confirmed.includes(`${finding.rule}|${finding.market ?? ""}`) }));
}
