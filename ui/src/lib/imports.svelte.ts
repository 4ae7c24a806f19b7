// Files waiting to be imported (dropped on the window or chosen in the
// dialog), one at a time, and a counter screens watch to reload the roster.

import type { CsvPreview } from "../bindings";

export const importQueue = $state<CsvPreview[]>([]);
export const roster = $state({ version: 0 });

export function enqueue(preview: CsvPreview): void {
  importQueue.push(preview);
}

/** The file on screen is done with (imported or discarded). */
export function nextImport(): void {
  importQueue.shift();
}

/** Something changed the roster behind the current screen's back. */
export function rosterChanged(): void {
  roster.version += 1;
}
