#!/usr/bin/env bash
# ceiling.sh - the two WebDAV figures Strata misses (1,000 × 4 KiB PUT at concurrency 8, 1 MiB Range GET),
# with the 1 GiB PUT and GET, through /work/shared/bench/compare.sh in one run: Strata, bench/ceiling (a bare
# ASP.NET Core file server that does the least these figures need: no accounts, no database; each PUT
# fsynced, as Strata's rule asks), Apache httpd mod_dav and `rclone serve webdav`. Takes a few minutes.
#   CEILING_DURABLE=0 runs the bare server without its fsync; PEERS and OUTDIR as in dav.sh; SKIP, SMALL_N and
#   CONC as in dav-bench.sh (e.g. SKIP="litmus big propfind wrk range" SMALL_N=10000 CONC=32: small PUTs only);
#   WARMUP=N warms every server up first (below).
source "$(dirname "$0")/lib.sh"
PEERS=${PEERS:-/work/shared/bench}
CEILING="http://127.0.0.1:${CEILING_PORT:-18097}/"
CEILING_PID=""
cleanup() { [[ -n $CEILING_PID ]] && kill -TERM "$CEILING_PID" 2>/dev/null; cleanup_lib; }
trap cleanup EXIT; trap 'exit 130' INT TERM

log "publishing bench/ceiling"
dotnet publish "$ROOT/bench/ceiling" -c Release -v quiet -nologo >"$W/ceiling-build.log" 2>&1 || { cat "$W/ceiling-build.log"; exit 1; }
CEILING_ROOT="$W/ceiling" CEILING_DURABLE=${CEILING_DURABLE:-1} ASPNETCORE_URLS=$CEILING DOTNET_gcServer=0 \
  dotnet "$ROOT/artifacts/publish/Ceiling/release/Strata.Ceiling.dll" >"$W/ceiling.log" 2>&1 &
CEILING_PID=$!
start_strata
"$PEERS/start-peers.sh" >&2 || { log "the peers did not start"; exit 1; }
targets=("strata=$BASE/dav/Private/bench/=$AUTH" "ceiling=$CEILING" "apache=http://127.0.0.1:${APACHE_PORT:-18081}/"
  "rclone=http://127.0.0.1:${RCLONE_PORT:-18082}/")
# WARMUP=N: every server first takes N small PUTs exactly as the figure's (dav-bench.sh's, into a collection it
# deletes after; the figures thrown away), so that what is measured is a server that has run a while, as a deployed
# one has, rather than its first requests after a start.
if ((${WARMUP:-0} > 0)); then
  for target in "${targets[@]}"; do
    rest=${target#*=}; url=${rest%%=*}; cred=${rest#"$url"}; cred=${cred#=}; cred=${cred:-bench:bench-pass}
    log "warming ${target%%=*} up with $WARMUP PUTs"
    SKIP="litmus big propfind wrk range" SMALL_N=$WARMUP "$PEERS/dav-bench.sh" "$url" "${cred%%:*}" "${cred#*:}" warmup >/dev/null 2>&1
  done
fi
SKIP=${SKIP:-"litmus propfind wrk"} OUTDIR=${OUTDIR:-$ROOT/bench/results/ceiling-$(date +%Y%m%d-%H%M%S)} "$PEERS/compare.sh" "${targets[@]}"
