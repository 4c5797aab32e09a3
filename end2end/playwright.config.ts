import { defineConfig } from "@playwright/test";

// The server under test: the debug build made by `cargo leptos build`, on a fresh SQLite
// database with the demo assessments, on its own port.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DB = `target/e2e/percorso-${process.pid}.db`;

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "en-GB",
    launchOptions: {
      // Debian's Chromium: Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "js-on", use: { javaScriptEnabled: true } },
    { name: "js-off", use: { javaScriptEnabled: false } },
  ],
  webServer: {
    command: `mkdir -p target/e2e && rm -f ${DB}* && ./target/debug/server serve`,
    cwd: "..",
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      DATABASE_URL: `sqlite://${DB}`,
      LEPTOS_SITE_ROOT: "target/site",
      LEPTOS_SITE_ADDR: `127.0.0.1:${PORT}`,
      RUST_LOG: "warn",
      // Every test starts responses from this one address, faster than any visitor would.
      START_BURST: "100000",
      ANSWER_BURST: "100000",
    },
  },
});
