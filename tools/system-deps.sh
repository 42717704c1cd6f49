#!/usr/bin/env bash
# The system packages the README's commands need, from Debian (`make test` runs this first):
#   chromium  drives the browser tests (through Playwright; Playwright never downloads a browser here)
#   node      runs KaTeX, which typesets the book's formulas at build time (Debian's `nodejs`)
# Usage: tools/system-deps.sh [chromium] [node]   (default: both)
# Present: exits 0 at once. Missing and root: installs them with apt-get. Missing and not root:
# stops at once (exit 1) with the exact command to run. Only shell builtins, `id` and `apt-get` are used.
set -euo pipefail

wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(chromium node)

missing=()
for tool in "${wanted[@]}"; do
  case "$tool" in
    chromium) command -v chromium >/dev/null 2>&1 || missing+=(chromium) ;;
    node) command -v node >/dev/null 2>&1 || missing+=(nodejs) ;;
    *) echo "system-deps: unknown tool '$tool' (known: chromium, node)" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: missing ${missing[*]}; install them, then run make again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "system-deps: installing ${missing[*]} from Debian (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
