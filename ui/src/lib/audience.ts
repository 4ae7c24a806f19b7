// The choices an audience is described by: the same lists the app checks against.
import type { Country } from "../bindings";

export const AGE_BANDS = ["13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"];

export const ageOptions: [string, string][] = AGE_BANDS.map((band) => [band, band.replace("-", "–")]);

export const genderOptions: [string, string][] = [
  ["female", "Women"],
  ["male", "Men"],
  ["other", "Other"],
];

export function countryOptions(countries: Country[]): [string, string][] {
  return countries.map((c) => [c.code, c.name]);
}

/**
 * Country names or codes, separated by commas, as ISO codes (each once),
 * with the first entry that is not a country, if any.
 */
export function countryCodes(text: string, countries: Country[]): { codes: string[]; unknown: string | null } {
  const codes: string[] = [];
  let unknown: string | null = null;
  for (const entry of splitList(text)) {
    const wanted = entry.toLowerCase();
    const match = countries.find((c) => c.code.toLowerCase() === wanted || c.name.toLowerCase() === wanted);
    if (!match) unknown ??= entry;
    else if (!codes.includes(match.code)) codes.push(match.code);
  }
  return { codes, unknown };
}

/** "vegan, travel ,," -> ["vegan", "travel"]. */
export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}
