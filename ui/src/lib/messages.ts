// Messages to creators: their kinds as people name them, language names,
// and the mailto: link that opens one in the person's mail app.

import type { TemplateKind } from "../bindings";

export const MESSAGE_KINDS: { kind: TemplateKind; label: string }[] = [
  { kind: "offer", label: "Offer" },
  { kind: "brief", label: "Brief" },
  { kind: "feedback", label: "Feedback on a draft" },
  { kind: "approval", label: "Approval" },
  { kind: "payment_sent", label: "Payment sent" },
];

export function kindLabel(kind: TemplateKind): string {
  return MESSAGE_KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

const LANGUAGE_NAMES: Record<string, string> = {
  en: "English",
  de: "German",
  fr: "French",
  es: "Spanish",
  it: "Italian",
  nl: "Dutch",
  pt: "Portuguese",
  pl: "Polish",
  sv: "Swedish",
  da: "Danish",
  nb: "Norwegian",
  fi: "Finnish",
};

/** "German", or the code itself for one Partnerly has no name for. */
export function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code.toUpperCase();
}

/**
 * A mailto: link (RFC 6068) with the address, subject and text; line breaks
 * travel as CRLF, and everything that could end a part early is encoded.
 */
export function mailtoLink(to: string | null, subject: string, body: string): string {
  const crlf = (text: string) => text.replace(/\r?\n/g, "\r\n");
  const address = (to ?? "").trim().replace(/[?#%& ]/g, (c) => encodeURIComponent(c));
  return `mailto:${address}?subject=${encodeURIComponent(crlf(subject))}&body=${encodeURIComponent(crlf(body))}`;
}
