#!/usr/bin/env bash
# tree.sh - `rclone copy` of a generated source tree (20,000 files of 1 KiB to 200 KiB in 300 folders) into Strata
# over WebDAV (rclone's owncloud vendor, as its users set it up: mtimes and checksums ride along) and into Apache
# mod_dav, in one run; then `rclone check` against Strata, which compares by hash. Prints key=value lines.
#   FILES (20000), FOLDERS (300), TRANSFERS (8, rclone's parallel uploads), PEERS as in dav.sh
source "$(dirname "$0")/lib.sh"
PEERS=${PEERS:-/work/shared/bench}
FILES=${FILES:-20000}; FOLDERS=${FOLDERS:-300}; TRANSFERS=${TRANSFERS:-8}
APACHE=http://127.0.0.1:${APACHE_PORT:-18081}/
peer_up() { [[ $(curl -s -o /dev/null -w '%{http_code}' -m 2 -X OPTIONS "$1") != 000 ]]; }
started_peers=""
peer_up "$APACHE" || started_peers=yes
cleanup() { [[ -n $started_peers ]] && "$PEERS/stop-peers.sh" >&2; cleanup_lib; }
trap cleanup EXIT; trap 'exit 130' INT TERM

start_strata
"$PEERS/start-peers.sh" >&2 || { log "the peers did not start"; exit 1; }
log "generating $FILES files in $FOLDERS folders"
python3 "$ROOT/bench/tree/make-tree.py" "$W/tree" "$FILES" "$FOLDERS"
kv tree.bytes "$(du -sb "$W/tree" | cut -f1)"
sync

# name remote: copies the tree there, prints the time and files/s.
copy() {
  local name=$1 remote=$2 started elapsed
  started=$(date +%s.%N)
  rclone copy --transfers "$TRANSFERS" --checkers "$TRANSFERS" "$W/tree" "$remote" 2>"$W/$name.log" || { log "$name: rclone copy failed"; tail "$W/$name.log"; exit 1; }
  elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
  kv "$name.copy_s" "$elapsed"
  kv "$name.files_per_s" "$(awk -v n="$FILES" -v t="$elapsed" 'BEGIN{printf "%.0f", n/t}')"
}
strata=":webdav,url='$BASE/dav/Private/bench',vendor=owncloud,user='$ADMIN_EMAIL',pass='$(rclone obscure "$ADMIN_PASSWORD")':tree"
apache=":webdav,url='$APACHE',vendor=other,user=bench,pass='$(rclone obscure bench-pass)':tree-$$"
copy strata "$strata"
copy apache "$apache"
log "rclone check against Strata (by hash)"
rclone check "$W/tree" "$strata" >"$W/check.log" 2>&1 || { log "rclone check found differences"; tail "$W/check.log"; exit 1; }
kv strata.check "$(grep -o '[0-9]* matching files' "$W/check.log" | head -1)"
# Files whose hashes rclone could not compare (no oc:checksums), compared by size only.
kv strata.check_unhashed "$(grep -o '[0-9]* hashes could not be checked' "$W/check.log" | grep -o '^[0-9]*' || echo 0)"
kv strata.peak_rss_MB "$(strata_peak_rss_mb)"
rclone purge "$apache" 2>/dev/null
