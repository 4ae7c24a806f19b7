// Which screen the window shows, and which partnership the wizard has open:
// shared, so a campaign can start a partnership and land in the wizard.

export type Screen = "roster" | "brands" | "campaigns" | "partnerships" | "payments" | "calendar" | "disclosure" | "settings";

export const nav = $state<{ screen: Screen; wizard: string | null; performance: string | null }>({
  screen: "roster",
  wizard: null,
  performance: null,
});

/** Opens a campaign's performance dashboard. */
export function openPerformance(campaignId: string): void {
  nav.screen = "campaigns";
  nav.performance = campaignId;
}

export function openWizard(id: string): void {
  nav.screen = "partnerships";
  nav.wizard = id;
}
