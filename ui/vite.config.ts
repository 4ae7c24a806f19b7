import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";

// The desktop shell loads this dev server in `tauri dev` (devUrl in tauri.conf.json).
export default defineConfig({
  // svelteTesting only acts under Vitest: browser builds of Svelte, cleanup after each test.
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    target: "es2022",
    // Everything ships inside the binary: no CDN, no remote fonts.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test-setup.ts"],
    include: ["src/**/*.test.ts"],
  },
});
