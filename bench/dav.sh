#!/usr/bin/env bash
# dav.sh - WebDAV figures for Strata beside Apache httpd mod_dav and `rclone serve webdav`, in one run on
# this machine, through /work/shared/bench/compare.sh: litmus, 1 GiB PUT and GET, 1,000 PUTs of 4 KiB at
# concurrency 8, PROPFIND Depth 1, wrk GET of 4 KiB with Basic auth, 1 MiB Range GET. Takes minutes.
#   PEERS (default /work/shared/bench), BASELINE=1 adds the machine's limits, OUTDIR for the raw figures.
# Compare ratios within one run only: the box is shared and noisy.
source "$(dirname "$0")/lib.sh"
PEERS=${PEERS:-/work/shared/bench}
APACHE=http://127.0.0.1:${APACHE_PORT:-18081}/
RCLONE=http://127.0.0.1:${RCLONE_PORT:-18082}/
peer_up() { [[ $(curl -s -o /dev/null -w '%{http_code}' -m 2 -X OPTIONS "$1") != 000 ]]; }

# Stop the peers afterwards only if this run started them: another session may be using them.
started_peers=""
peer_up "$APACHE" && peer_up "$RCLONE" || started_peers=yes
cleanup() { [[ -n $started_peers ]] && "$PEERS/stop-peers.sh" >&2; cleanup_lib; }
trap cleanup EXIT; trap 'exit 130' INT TERM

start_strata
"$PEERS/start-peers.sh" >&2 || { log "the peers did not start"; exit 1; }
args=(); [[ -n ${BASELINE:-} ]] && args+=(--baseline)
OUTDIR=${OUTDIR:-$ROOT/bench/results/dav-$(date +%Y%m%d-%H%M%S)} "$PEERS/compare.sh" "${args[@]}" \
  "strata=$BASE/dav/Private/bench/=$AUTH" "apache=$APACHE" "rclone=$RCLONE"
