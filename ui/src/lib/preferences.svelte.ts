// The workspace's preferences as the window uses them: the currency new
// campaigns and fees start in, and the locale numbers and dates are shown in
// (`null` follows the system). Loaded once at start; Settings changes them.

import { api } from "../api";
import type { Preferences } from "../bindings";

export const preferences = $state<Pick<Preferences, "default_currency" | "locale">>({
  default_currency: "EUR",
  locale: null,
});

export function usePreferences(saved: Pick<Preferences, "default_currency" | "locale">): void {
  preferences.default_currency = saved.default_currency;
  preferences.locale = saved.locale;
}

/** Reads them from the workspace; on failure the defaults stay (the window still works). */
export async function loadPreferences(): Promise<void> {
  usePreferences((await api.getPreferences()).preferences);
}
