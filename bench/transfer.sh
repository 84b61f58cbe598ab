#!/usr/bin/env bash
# transfer.sh - 4 GiB upload and download through Strata's REST API beside nginx on loopback,
# with Strata's peak RSS. Prints key=value lines (RESULT_FILE=... also appends them there).
#   RUNS (default 3), SRC (default /tmp/strata-bench-4g.bin), SRC_MB (default 4096)
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-3}; SRC=${SRC:-/tmp/strata-bench-4g.bin}; SRC_MB=${SRC_MB:-4096}; NPORT=${NGINX_PORT:-18089}
cleanup() { [[ -s $W/nginx.pid ]] && kill -TERM "$(cat "$W/nginx.pid")" 2>/dev/null; cleanup_lib; }
trap cleanup EXIT; trap 'exit 130' INT TERM

[[ -s $SRC ]] || { log "creating $SRC_MB MiB source file"; dd if=/dev/urandom of="$SRC" bs=1M count="$SRC_MB" status=none; }
size=$(stat -c %s "$SRC")
mbps() { awk -v s="$size" '{printf "%.1f\n", s/$1/1e6}'; }
timed() { curl -sS -o /dev/null -m 900 -w '%{time_total}\n' "$@"; }
kv date "$(date -u +%FT%TZ)"; kv host "\"$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM\""; kv file_MiB $((size / 1048576))

mkdir -p "$W/www" "$W/put" "$W/tmp"; ln -s "$SRC" "$W/www/big.bin"; chown www-data "$W/put" "$W/tmp" 2>/dev/null
cat > "$W/nginx.conf" <<NGINX
worker_processes auto; pid $W/nginx.pid; error_log $W/nginx.err warn;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; tcp_nopush on; client_max_body_size 0; client_body_temp_path $W/tmp;
  server {
    listen 127.0.0.1:$NPORT;
    location / { root $W/www; }
    location /put/ { root $W; dav_methods PUT; create_full_put_path on; }
  }
}
NGINX
nginx -c "$W/nginx.conf" -p "$W" || { log "nginx failed to start"; exit 1; }
start_strata
mkdir_api /Shared/Bench
cat "$SRC" >/dev/null

log "PUT $((size / 1048576)) MiB: nginx file PUT, then Strata"
kv nginx.put_MBps_median "$(for i in $(seq "$RUNS"); do timed -H 'Expect:' -T "$SRC" "http://127.0.0.1:$NPORT/put/big$i.bin"; rm -f "$W/put/big$i.bin"; done | mbps | median)"
kv strata.put_MBps_median "$(for i in $(seq "$RUNS"); do timed -u "$AUTH" -H 'Expect:' -T "$SRC" "$BASE/api/v1/fs-content/Shared/Bench/big$i.bin"; done | mbps | median)"

log "GET: nginx (sendfile), then Strata"
kv nginx.get_MBps_median "$(for _ in $(seq "$RUNS"); do timed "http://127.0.0.1:$NPORT/big.bin"; done | mbps | median)"
kv strata.get_MBps_median "$(for _ in $(seq "$RUNS"); do timed -u "$AUTH" "$BASE/api/v1/fs-content/Shared/Bench/big1.bin"; done | mbps | median)"

log "checking the stored bytes"
[[ $(curl -fsS -u "$AUTH" "$BASE/api/v1/fs-content/Shared/Bench/big1.bin" | sha256sum) == $(sha256sum <"$SRC") ]] && kv strata.sha256_matches yes || kv strata.sha256_matches NO
kv strata.peak_rss_MB "$(strata_peak_rss_mb)"
