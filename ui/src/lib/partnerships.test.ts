import { describe, expect, it } from "vitest";
import { lines, readDay, stepNumber } from "./partnerships";

describe("readDay", () => {
  it("takes empty as no date and real days as they are", () => {
    expect(readDay("  ")).toEqual({ day: null });
    expect(readDay(" 2026-05-15 ")).toEqual({ day: "2026-05-15" });
    expect(readDay("2028-02-29")).toEqual({ day: "2028-02-29" });
  });

  it("says what is wrong with anything that is not a day", () => {
    expect(readDay("2026-13-40")).toEqual({ error: "'2026-13-40' is not a date like 2026-05-15." });
    expect(readDay("2027-02-29")).toEqual({ error: "'2027-02-29' is not a date like 2026-05-15." });
    expect(readDay("15/05/2026")).toEqual({ error: "'15/05/2026' is not a date like 2026-05-15." });
  });
});

describe("wizard helpers", () => {
  it("reads one entry a line and numbers the steps from 1", () => {
    expect(lines(" Froths like milk \n\n EU oats\n")).toEqual(["Froths like milk", "EU oats"]);
    expect(stepNumber("campaign")).toBe(1);
    expect(stepNumber("review")).toBe(8);
  });
});
