#!/usr/bin/env bash
# Install what is missing, then build and start Percorso on the embedded SQLite database
# (data/percorso.db) with the demo assessments loaded. Prints the URL when ready.
source "$(dirname "$0")/setup.sh"
ensure_wasm_target
ensure_cargo_leptos
ensure_wasm_bindgen
cd "$ROOT"
say "building and starting (the first build takes several minutes)"
exec cargo leptos serve
