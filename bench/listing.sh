#!/usr/bin/env bash
# listing.sh - latency of GET /api/v1/fs/<folder> (metadata listing) for folders of 10,000 and
# 100,000 files, created through the API. Prints key=value lines.
#   SIZES (default "10000 100000"), RUNS (default 20)
source "$(dirname "$0")/lib.sh"
SIZES=${SIZES:-"10000 100000"}; RUNS=${RUNS:-20}
trap cleanup_lib EXIT; trap 'exit 130' INT TERM

start_strata
for n in $SIZES; do
  folder=/Shared/L$n
  populate_folder "$folder" "$n"
  count=$(curl -fsS -u "$AUTH" "$BASE/api/v1/fs$folder" | grep -o '"name"' | wc -l)
  [[ $count -eq $((n + 1)) ]] || { log "expected $n children, listing has $((count - 1))"; exit 1; }
  curl -fsS -o /dev/null -u "$AUTH" "$BASE/api/v1/fs$folder" # warm-up
  kv "strata.list_${n}_ms_median" "$(for _ in $(seq "$RUNS"); do curl -sS -o /dev/null -u "$AUTH" -w '%{time_total}\n' "$BASE/api/v1/fs$folder"; done | awk '{printf "%.1f\n", $1*1000}' | median)"
  kv "strata.list_${n}_bytes" "$(curl -fsS -u "$AUTH" "$BASE/api/v1/fs$folder" | wc -c)"
done
kv strata.peak_rss_MB "$(strata_peak_rss_mb)"
