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

/** "vegan, travel ,," -> ["vegan", "travel"]. */
export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}
