// The choices for "what does this column hold" in the import preview.

import type { Field, Platform } from "../bindings";
import { platformLabel, platforms } from "./format";

export type FieldChoice = { key: string; label: string; field: Field };

const simple: [Field, string][] = [
  [{ field: "name" }, "Name"],
  [{ field: "first_name" }, "First name"],
  [{ field: "last_name" }, "Last name"],
  [{ field: "handle" }, "Handle or profile link"],
  [{ field: "platform" }, "Platform"],
  [{ field: "profile_url" }, "Profile link"],
  [{ field: "followers" }, "Followers"],
  [{ field: "engagement_rate" }, "Engagement rate"],
  [{ field: "avg_likes" }, "Average likes"],
  [{ field: "avg_comments" }, "Average comments"],
  [{ field: "avg_views" }, "Average views"],
  [{ field: "engagements" }, "Average engagements"],
  [{ field: "audience_country" }, "Audience's top country"],
  [{ field: "audience_credibility" }, "Audience credibility"],
  [{ field: "mass_followers" }, "Mass followers"],
  [{ field: "email" }, "Email"],
  [{ field: "country" }, "Country"],
  [{ field: "niches" }, "Niches"],
  [{ field: "notes" }, "Notes"],
];

export function fieldKey(field: Field | null): string {
  if (!field) return "";
  return "platform" in field ? `${field.field}:${field.platform}` : field.field;
}

export const fieldChoices: FieldChoice[] = [
  ...simple.map(([field, label]) => ({ key: fieldKey(field), label, field })),
  ...platforms.flatMap((platform: Platform) => [
    {
      key: `platform_handle:${platform}`,
      label: `${platformLabel[platform]} handle`,
      field: { field: "platform_handle", platform } as Field,
    },
    {
      key: `platform_followers:${platform}`,
      label: `${platformLabel[platform]} followers`,
      field: { field: "platform_followers", platform } as Field,
    },
    {
      key: `platform_engagement_rate:${platform}`,
      label: `${platformLabel[platform]} engagement rate`,
      field: { field: "platform_engagement_rate", platform } as Field,
    },
  ]),
];

const byKey = new Map(fieldChoices.map((c) => [c.key, c.field]));

/** The field for a choice key; fields Partnerly does not store yet map to nothing. */
export function fieldOf(key: string): Field | null {
  return byKey.get(key) ?? null;
}

/** Whether the file's handles need a platform said for them: a handle column and no platform column. */
export function asksPlatform(mapping: (Field | null)[]): boolean {
  return mapping.some((f) => f?.field === "handle") && !mapping.some((f) => f?.field === "platform");
}

/** Whether a mapping names an account, without which no row is a creator. */
export function identifiesAnAccount(mapping: (Field | null)[]): boolean {
  return mapping.some((f) => f && (f.field === "handle" || f.field === "profile_url" || f.field === "platform_handle"));
}
