// A month as the calendar draws it: weeks from Monday to Sunday, with the
// days of the months around it to fill the first and last week. Days are
// "YYYY-MM-DD" strings as the app writes them, computed in UTC so no time
// zone moves a day.

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** "2026-12" moved by `by` months. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return iso(d).slice(0, 7);
}

/** "December 2026", in the window's language. */
export function monthTitle(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/** The weeks of `month` ("2026-12"), each seven days from Monday. */
export function monthGrid(month: string): { day: string; inMonth: boolean }[][] {
  const [y, m] = month.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1, 1));
  // Monday is 0.
  const lead = (first.getUTCDay() + 6) % 7;
  const start = new Date(Date.UTC(y, m - 1, 1 - lead));
  const weeks: { day: string; inMonth: boolean }[][] = [];
  const cursor = new Date(start);
  do {
    const week = [];
    for (let i = 0; i < 7; i++) {
      week.push({ day: iso(cursor), inMonth: cursor.getUTCMonth() === m - 1 });
      cursor.setUTCDate(cursor.getUTCDate() + 1);
    }
    weeks.push(week);
  } while (cursor.getUTCMonth() === m - 1);
  return weeks;
}
