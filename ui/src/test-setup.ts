import "@testing-library/jest-dom/vitest";

// jsdom has no layout, so no ResizeObserver; Svelte's `bind:clientHeight`
// needs one to exist. Sizes stay 0 and components fall back to defaults.
class NoLayoutResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver as unknown as typeof ResizeObserver;
