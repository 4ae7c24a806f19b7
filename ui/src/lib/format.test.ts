import { describe, expect, it } from "vitest";
import { compactNumber, fullNumber, importProgress, initials, safeLocale, totalFollowers } from "./format";

describe("format", () => {
  it("falls back to the default locale for tags Intl rejects", () => {
    expect(safeLocale("c")).toBe("en-US");
    expect(safeLocale("")).toBe("en-US");
    expect(safeLocale(undefined)).toBe("en-US");
    expect(safeLocale("de-DE")).toBe("de-DE");
  });

  it("formats follower counts", () => {
    expect(compactNumber(48200)).toMatch(/^48[.,]2\s?K$/);
    expect(fullNumber(1240000)).toMatch(/^1[,.\s\u00a0\u202f]240[,.\s\u00a0\u202f]000$/);
    expect(totalFollowers([{ followers: 10 }, { followers: 32 }])).toBe(42);
  });

  it("takes initials from the first and last name", () => {
    expect(initials("Mara Costa")).toBe("MC");
    expect(initials("  Sofía  de la Herrera ")).toBe("SH");
    expect(initials("Kenji")).toBe("K");
    expect(initials("")).toBe("");
  });

  it("estimates the rows in all from the bytes read so far", () => {
    const quarter = { rows: 12000, bytes_read: 25_000, bytes_total: 100_000 };
    expect(importProgress(quarter, 9500)).toMatch(/^12.000 of about 48.000 rows · 9.500 rows a second$/);
    const start = { rows: 0, bytes_read: 0, bytes_total: 100_000 };
    expect(importProgress(start, 0)).toMatch(/^0 rows read · 0 rows a second$/);
  });
});
