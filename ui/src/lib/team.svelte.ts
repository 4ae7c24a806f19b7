// The team workspace as the window follows it: the latest status the
// background sync announced, and a counter bumped whenever changes from the
// team arrived, so screens showing lists read them again.

import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { TeamView } from "../bindings";
import { rosterChanged } from "./imports.svelte";

export const team = $state<{ view: TeamView | null; version: number }>({ view: null, version: 0 });

/** Takes in a status from a command or the background sync. */
export function teamStatus(view: TeamView): void {
  const arrived = (view.last_sync?.pulled ?? 0) > 0;
  const before = team.view?.status.state.last_synced_at;
  team.view = view;
  // A new round that took changes in: what screens show may be out of date.
  if (arrived && view.status.state.last_synced_at !== before) {
    team.version += 1;
    rosterChanged();
  }
}

export function listenToTeam(): Promise<UnlistenFn> {
  return listen<TeamView>("team-status", (event) => teamStatus(event.payload));
}

/** "3 changes waiting", "Up to date", "Offline since 10:42": the state in a few words. */
export function syncSummary(view: TeamView, time: (iso: string) => string): string {
  const { status } = view;
  if (!status.server) return "Not connected";
  if (status.state.offline_since) return `Offline since ${time(status.state.offline_since)}`;
  if (status.waiting > 0) {
    if (status.role === "viewer") return "Viewing: your changes stay here";
    return `${status.waiting} ${status.waiting === 1 ? "change" : "changes"} waiting`;
  }
  if (status.state.last_synced_at) return "Up to date";
  return "Connecting…";
}

/** A partnership's id from a conflict's record key (16 bytes), if it names one. */
export function partnershipOf(tree: string, key: number[]): string | null {
  if (tree !== "partnerships" || key.length !== 16) return null;
  const hex = key.map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
