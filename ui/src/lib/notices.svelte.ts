// Short-lived messages at the bottom of the window: "Saved", or what went wrong.
//
// They must never pile up over the screen: the same message again counts up
// on the one already shown (and shows it longer) instead of stacking, a new
// success replaces the one before (only the latest matters), and at most
// three errors are kept, the oldest giving way.

export type Notice = { id: number; tone: "success" | "error"; text: string; count: number };

let nextId = 1;
export const notices = $state<Notice[]>([]);

const SHOW_MS = { success: 3500, error: 8000 };
const MAX_ERRORS = 3;
/** Each notice's pending dismissal; not state, nothing is drawn from it. */
const timers: Record<number, ReturnType<typeof setTimeout>> = {};

function expireLater(notice: Notice): void {
  clearTimeout(timers[notice.id]);
  timers[notice.id] = setTimeout(() => dismiss(notice.id), SHOW_MS[notice.tone]);
}

export function notify(tone: Notice["tone"], text: string): void {
  const same = notices.find((n) => n.tone === tone && n.text === text);
  if (same) {
    same.count += 1;
    expireLater(same);
    return;
  }
  const older = notices.filter((n) => n.tone === tone);
  const keep = tone === "success" ? 0 : MAX_ERRORS - 1;
  for (const n of older.slice(0, Math.max(0, older.length - keep))) dismiss(n.id);
  const notice: Notice = { id: nextId++, tone, text, count: 1 };
  notices.push(notice);
  expireLater(notices[notices.length - 1]);
}

export function dismiss(id: number): void {
  clearTimeout(timers[id]);
  delete timers[id];
  const index = notices.findIndex((n) => n.id === id);
  if (index >= 0) notices.splice(index, 1);
}
