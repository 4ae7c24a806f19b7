import type { Platform, Progress } from "../bindings";
import { preferences } from "./preferences.svelte";

/** How each platform's name is written. Typed against the Rust enum: a new
 * platform there is a type error here until it has a label. */
export const platformLabel: Record<Platform, string> = {
  instagram: "Instagram",
  tiktok: "TikTok",
  youtube: "YouTube",
  x: "X",
  twitch: "Twitch",
  facebook: "Facebook",
  linkedin: "LinkedIn",
  pinterest: "Pinterest",
  snapchat: "Snapchat",
  threads: "Threads",
};

export const platforms = Object.keys(platformLabel) as Platform[];

/** Used when the system gives no usable locale: plain English grouping
 * ("48,200") reads better than the POSIX default ("48200"). */
const FALLBACK_LOCALE = "en-US";

/** The user's locale, if the engine accepts it. Under a `C`/POSIX locale
 * WebKit reports `navigator.language` as "c", which Intl rejects with a
 * RangeError. */
export function safeLocale(language: string | undefined): string {
  if (!language) return FALLBACK_LOCALE;
  try {
    return Intl.NumberFormat.supportedLocalesOf([language])[0] ?? FALLBACK_LOCALE;
  } catch {
    return FALLBACK_LOCALE;
  }
}

const systemLocale = safeLocale(typeof navigator === "undefined" ? undefined : navigator.language);

/** The locale numbers and dates are shown in: the one chosen in Settings, or
 * the system's. Read inside a component's markup, a change re-renders it. */
export function locale(): string {
  return preferences.locale ?? systemLocale;
}

/** The system's own locale, for Settings to name what "System" means. */
export function systemLocaleTag(): string {
  return systemLocale;
}

/** 48200 -> "48.2K" in English, "48.200" style where the locale says so. */
export function compactNumber(n: number): string {
  return new Intl.NumberFormat(locale(), { notation: "compact", maximumFractionDigits: 1 }).format(n);
}

/** 48200 -> "48,200" (or the locale's grouping). */
export function fullNumber(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

export function totalFollowers(accounts: { followers: number }[]): number {
  return accounts.reduce((sum, a) => sum + a.followers, 0);
}

/** "2026-11-24T09:30:00Z" -> "24 Nov 2026" in the user's locale. */
export function shortDate(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium" }).format(new Date(iso));
}

/** A moment as a clock reads it: "10:42" today, "3 Dec, 10:42" another day. */
export function clockTime(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === now.toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: "2-digit", minute: "2-digit" }
    : { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" };
  return new Intl.DateTimeFormat(locale(), options).format(at);
}

/** Initials for the avatar circle: "Mara Costa" -> "MC". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => Array.from(w)[0]?.toUpperCase() ?? "").join("");
}

/** "12,000 of about 48,000 rows · 9,500 rows a second". The total is
 * estimated from the bytes read so far: counting rows first would mean
 * reading the file twice. */
export function importProgress(p: Progress, rowsPerSecond: number): string {
  const total = p.bytes_read > 0 ? Math.max(p.rows, Math.round((p.rows * p.bytes_total) / p.bytes_read)) : null;
  const done = total === null ? `${fullNumber(p.rows)} rows read` : `${fullNumber(p.rows)} of about ${fullNumber(total)} rows`;
  return `${done} · ${fullNumber(rowsPerSecond)} rows a second`;
}

/** "2026-07-27" (a day, no time) -> "27 Jul 2026", without time-zone shifts. */
export function dayDate(isoDay: string): string {
  const [year, month, day] = isoDay.split("-").map(Number);
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium" }).format(new Date(year, month - 1, day));
}

/** Today in the calendar of this machine, as `YYYY-MM-DD`. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
