// Which screen the window shows, and which partnership the wizard has open:
// shared, so a campaign can start a partnership and land in the wizard.

export type Screen = "roster" | "brands" | "campaigns" | "partnerships" | "disclosure" | "workspace";

export const nav = $state<{ screen: Screen; wizard: string | null }>({ screen: "roster", wizard: null });

export function openWizard(id: string): void {
  nav.screen = "partnerships";
  nav.wizard = id;
}
