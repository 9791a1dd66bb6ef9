#!/usr/bin/env bash
# `make test-package`: the bundle in dist/gijiroku/ on its own, as the offline laptop gets it: no
# virtualenv, no pip, an empty HOME, a minimal environment, and no network (unshare -n).
set -euo pipefail
cd "$(dirname "$0")/.."
app=dist/gijiroku/gijiroku
home=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$home" "$out"' EXIT
isolated() { env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 unshare -n "$@"; }

start=$(date +%s)
isolated "$app" --help >/dev/null
echo "first start (help): $(( $(date +%s) - start )) s"

touch "$out/before"
start=$(date +%s)
isolated "$app" process resources/samples/paperless.wav --out "$out/meeting" --title "第2回 庁内ペーパーレス化推進会議" \
  --date 2025-12-01 --attendees "木村室長,松本主任,井上課長補佐"
echo "sample meeting -> minutes.docx: $(( $(date +%s) - start )) s"
test -s "$out/meeting/minutes.docx"
test -s "$out/meeting/transcript.json"
grep -q '"decisions"' "$out/meeting/minutes.json"
# Speakers from the bundled CAM++ (onnx, onnxruntime and kaldi-native-fbank inside the bundle).
grep -q '"speakers"' "$out/meeting/transcript.json"
# Nothing beside the executable: the user's data went to the empty HOME.
test -z "$(find dist/gijiroku -newer "$out/before" | head -1)"
test -d "$home/.local/share/gijiroku"

# The window starts and keeps running (offscreen) until stopped: 124 is timeout's "still alive".
set +e
isolated env QT_QPA_PLATFORM=offscreen timeout 25 "$app" >"$out/window.log" 2>&1
rc=$?
set -e
if [ "$rc" != 124 ]; then
  echo "the window did not stay up (exit $rc):"; cat "$out/window.log"; exit 1
fi
echo "bundle $(du -sh dist/gijiroku | cut -f1): the sample meeting became minutes.docx offline, and the window started"
