#!/usr/bin/env bash
# Build the site in release mode and report the size of the wasm bundle, raw and gzipped
# (what a browser downloads with compression on), and how long the build took. Fails when the
# gzipped wasm is above the budget: WASM_BUDGET bytes of gzip -9, 250,000 unless set.
# With twiggy on PATH (`cargo install twiggy --locked`) it also prints the 15 largest items of
# the same wasm built with its function names kept, to show where the bytes go.
set -euo pipefail
source "$(dirname "$0")/../scripts/setup.sh"
ensure_wasm_target
ensure_cargo_leptos
ensure_wasm_bindgen
ensure_wasm_opt
cd "$ROOT"
budget=${WASM_BUDGET:-250000}
start=$(date +%s)
cargo leptos build --release
took=$(( $(date +%s) - start ))
wasm=target/site/pkg/percorso.wasm
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
js=$(stat -c %s target/site/pkg/percorso.js)
css=$(stat -c %s target/site/pkg/percorso.css)
printf 'release build: %ss\nwasm: %s bytes raw, %s bytes gzip -9 (budget %s)\njs glue: %s bytes, css: %s bytes\n' \
  "$took" "$raw" "$gz" "$budget" "$js" "$css"

if command -v twiggy >/dev/null 2>&1; then
  # The shipped wasm has no names: redo wasm-bindgen and wasm-opt as cargo-leptos does
  # (wasm-opt -Oz with the same features), keeping the name section.
  front="${CARGO_TARGET_DIR:-$ROOT/target}/front/wasm32-unknown-unknown/wasm-release/app.wasm"
  named=$(mktemp -d)
  trap 'rm -rf "$named"' EXIT
  wasm-bindgen --target=web --keep-debug --out-name=named --out-dir="$named" "$front"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int -g \
    "$named/named_bg.wasm" -o "$named/named.wasm"
  echo "largest items (twiggy top; the names subsection is not shipped):"
  twiggy top -n 16 "$named/named.wasm"
else
  echo "twiggy is not installed: skipping the largest items (cargo install twiggy --locked)"
fi

if [ "$gz" -gt "$budget" ]; then
  echo "FAIL: the wasm is $gz bytes gzip -9, above the budget of $budget" >&2
  exit 1
fi
echo "ok: within the budget of $budget bytes gzip -9"
