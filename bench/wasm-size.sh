#!/usr/bin/env bash
# Build the site in release mode and report the size of the wasm bundle, raw and gzipped
# (what a browser downloads with compression on), and how long the build took.
set -euo pipefail
source "$(dirname "$0")/../scripts/setup.sh"
ensure_wasm_target
ensure_cargo_leptos
ensure_wasm_bindgen
ensure_wasm_opt
cd "$ROOT"
start=$(date +%s)
cargo leptos build --release
took=$(( $(date +%s) - start ))
wasm=target/site/pkg/percorso.wasm
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
js=$(stat -c %s target/site/pkg/percorso.js)
css=$(stat -c %s target/site/pkg/percorso.css)
printf 'release build: %ss\nwasm: %s bytes raw, %s bytes gzip -9\njs glue: %s bytes, css: %s bytes\n' "$took" "$raw" "$gz" "$js" "$css"
