#!/usr/bin/env bash
# mixed.sh - the REST API under a mixed load from wrk at 64 connections: 80 % metadata GETs of files, 15 % folder
# listings (100 entries), 5 % PUTs of new 4 KiB files, each durable before its 201. Then checks that every file
# acknowledged is there. Prints key=value lines.
#   FILES (default 10000) in FOLDERS (default 100) folders, CONNECTIONS (64), DURATION (30s), THREADS (2)
source "$(dirname "$0")/lib.sh"
FILES=${FILES:-10000}; FOLDERS=${FOLDERS:-100}; CONNECTIONS=${CONNECTIONS:-64}; DURATION=${DURATION:-30s}; THREADS=${THREADS:-2}
trap cleanup_lib EXIT; trap 'exit 130' INT TERM

start_strata
mkdir_api /Shared/Mixed; mkdir_api /Shared/Mixed/new
for ((d = 0; d < FOLDERS; d++)); do mkdir_api "$(printf '/Shared/Mixed/d%03d' $d)"; done
log "creating $FILES files of 1 KiB in $FOLDERS folders"
head -c 1024 /dev/urandom >"$W/one"
awk -v n="$FILES" -v m="$FOLDERS" -v base="$BASE/api/v1/fs-content/Shared/Mixed" -v one="$W/one" \
  'BEGIN { for (i = 0; i < n; i++) printf "upload-file = \"%s\"\nurl = \"%s/d%03d/f%05d.txt\"\noutput = \"/dev/null\"\n", one, base, i % m, i }' >"$W/urls.cfg"
curl -sS --no-progress-meter --fail-early -Z --parallel-max 8 -u "$AUTH" -K "$W/urls.cfg" || { log "populating failed"; exit 1; }

export STRATA_AUTH=$(printf '%s' "$AUTH" | base64 -w0) FILES FOLDERS RUN=r$$
log "wrk -t$THREADS -c$CONNECTIONS -d$DURATION (warm-up 5s first)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$ROOT/bench/mixed/mixed.lua" "$BASE" >/dev/null
RUN=m$$ wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s "$ROOT/bench/mixed/mixed.lua" "$BASE" | tee "$W/wrk.out" | grep '^mixed\.' | while IFS= read -r line; do kv "${line%%=*}" "${line#*=}"; done
created=$(awk -F= '/^mixed.puts_created=/{print $2}' "$W/wrk.out")

# Durable means there after a hard stop: kill Strata, start it on the same data, count this run's files.
kill -KILL "$STRATA_PID"; wait "$STRATA_PID" 2>/dev/null; STRATA_PID=""
run_strata
present=$(curl -fsS -u "$AUTH" "$BASE/api/v1/fs/Shared/Mixed/new" | grep -o "\"name\":\"m$$-" | wc -l)
kv mixed.puts_present_after_kill "$present"
[[ $present -ge $created ]] || { log "only $present of $created acknowledged files survived"; exit 1; }
kv strata.peak_rss_MB "$(strata_peak_rss_mb)"
