#!/usr/bin/env bash
# Install what is missing, then run every check: formatting, clippy (server and wasm),
# Rust tests on SQLite and PostgreSQL, and the Playwright journeys in Chromium with
# JavaScript on and off.
source "$(dirname "$0")/setup.sh"
ensure_wasm_target
ensure_cargo_leptos
ensure_wasm_bindgen
ensure_chromium
ensure_postgres
ensure_node_packages
cd "$ROOT"

# cargo-leptos bakes this into the server at build time; exporting it lets plain cargo
# share the same build cache instead of compiling the Leptos stack twice.
export LEPTOS_OUTPUT_NAME=percorso
export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

say "formatting"
cargo fmt --all --check

say "clippy (server and app with ssr, tests included)"
cargo clippy -p server -p app --all-targets --features app/ssr -- -D warnings
say "clippy (app with hydrate, for wasm)"
cargo clippy -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

say "Rust tests (domain, store contract on SQLite and PostgreSQL, HTTP)"
cargo test -p app --features ssr
cargo test -p server

say "building the site"
cargo leptos build

say "browser journeys (Chromium, JavaScript on and off)"
(cd end2end && npx playwright test)
