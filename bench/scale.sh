#!/usr/bin/env bash
# scale.sh - bench/dav.sh's WebDAV figures (the shared compare.sh) for two web hosts on PostgreSQL + Redis + Azurite
# (the Azure Blob Storage emulator, from npm) behind haproxy (deploy/haproxy.cfg, as deployed), beside one host on
# the embedded default, in one run. BLOBS=folder puts the fleet's blobs in one shared folder instead. This
# machine has two cores, so it shows what the shared engines cost, not how far more hosts go. Then the CPU each
# metadata GET costs the fleet's hosts and engines under wrk, for the paper model in bench/README.md.
#   PEERS (default /work/shared/bench), OUTDIR for compare.sh's raw figures and the fleet's logs, DURATION of the CPU
#   run (20s), ONLY_PUTS=N to put N files through haproxy and stop (to look at the fleet's write path alone).
source "$(dirname "$0")/lib.sh"
PEERS=${PEERS:-/work/shared/bench}; DURATION=${DURATION:-20s}
PG_PORT=${PG_PORT:-55532}; REDIS_PORT=${REDIS_PORT:-56479}; FRONT_PORT=${FRONT_PORT:-18193}; AZURITE_PORT=${AZURITE_PORT:-56510}
BLOBS=${BLOBS:-azurite}
FRONT="http://127.0.0.1:$FRONT_PORT"
RESULTS=${OUTDIR:-$ROOT/bench/results/scale-$(date +%Y%m%d-%H%M%S)}; mkdir -p "$RESULTS"
fleet_pids=(); haproxy_pid=""; azurite_pid=""
as_pg=(); ((EUID == 0)) && as_pg=(runuser -u postgres --)
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

cleanup() {
  [[ -n $haproxy_pid ]] && kill "$haproxy_pid" 2>/dev/null
  [[ -n $azurite_pid ]] && kill "$azurite_pid" 2>/dev/null
  for pid in "${fleet_pids[@]}"; do kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$W/pg/data" -m fast stop >/dev/null 2>&1
  cp "$W"/host-*.log "$W/pg/server.log" "$W/haproxy.log" "$RESULTS/" 2>/dev/null
  cleanup_lib
}
trap cleanup EXIT; trap 'exit 130' INT TERM

# The engines as a deployment has them: PostgreSQL durable (fsync on), Redis in memory.
start_engines() {
  mkdir -p "$W/pg"
  ((${#as_pg[@]})) && chown postgres "$W/pg"
  "${as_pg[@]}" "$PG_BIN/initdb" -D "$W/pg/data" -U strata --auth=trust -E UTF8 --locale=C >"$W/pg/initdb.log" 2>&1 &&
    "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$W/pg/data" -l "$W/pg/server.log" -w -o "-h 127.0.0.1 -p $PG_PORT -k $W/pg -c max_connections=300" start >/dev/null ||
    { log "PostgreSQL did not start"; cat "$W/pg/"*.log; exit 1; }
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --daemonize yes --dir "$W" --logfile "$W/redis.log" >/dev/null
  [[ $BLOBS == azurite ]] || return 0
  # Azurite keeps blobs on disk (no --inMemoryPersistence), as a store would; the npm install is kept between runs.
  local npm_dir=/tmp/strata-bench-npm
  [[ -x $npm_dir/node_modules/.bin/azurite-blob ]] || npm install --no-audit --no-fund --prefix "$npm_dir" azurite@3.37.0 >"$W/npm.log" 2>&1 ||
    { log "Azurite did not install"; cat "$W/npm.log"; exit 1; }
  mkdir -p "$W/azurite"
  "$npm_dir/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$AZURITE_PORT" --location "$W/azurite" \
    --skipApiVersionCheck --disableTelemetry --loose >"$W/azurite.log" 2>&1 &
  azurite_pid=$!
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$AZURITE_PORT/" && return 0; sleep 0.2; done
  log "Azurite did not start"; cat "$W/azurite.log"; exit 1
}

# Where the fleet keeps blobs, as settings.
fleet_blobs() {
  if [[ $BLOBS == azurite ]]; then
    echo "Strata__Blobs__Provider=AzureBlob" "Strata__Blobs__Container=strata" \
      "Strata__Blobs__ConnectionString=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;"
  else
    echo "Strata__Blobs__Path=$W/shared-blobs" "Strata__Blobs__PackThreshold=0"
  fi
}

# One fleet host on PORT with the shared settings; waits until it is ready.
start_fleet_host() {
  local port=$1
  (cd "$ROOT/artifacts/publish/Web/release" && ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0 \
    Strata__DataPath="$W/host-$port" Strata__Admin__Email=$ADMIN_EMAIL Strata__Admin__Password=$ADMIN_PASSWORD \
    Strata__Database__Provider=PostgreSql Strata__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=strata;Database=strata" \
    Strata__Redis__Configuration="127.0.0.1:$REDIS_PORT" Logging__LogLevel__Default=Warning \
    exec env "${blob_settings[@]}" dotnet Strata.Web.dll >"$W/host-$port.log" 2>&1) &
  fleet_pids+=($!)
  for _ in $(seq 120); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && return 0; sleep 0.5; done
  log "fleet host $port did not become ready"; cat "$W/host-$port.log"; exit 1
}

cpu_ticks() { local total=0; for pid in "$@"; do total=$((total + $(awk '{print $14+$15}' "/proc/$pid/stat"))); done; echo $total; }

start_strata
start_engines
read -r -a blob_settings <<<"$(fleet_blobs)"
log "starting two fleet hosts and haproxy on $FRONT"
start_fleet_host 18191   # the first migrates the database and seeds the administrator
start_fleet_host 18192
STRATA_LISTEN="127.0.0.1:$FRONT_PORT" STRATA_WEB1=127.0.0.1:18191 STRATA_WEB2=127.0.0.1:18192 haproxy -db -f "$ROOT/deploy/haproxy.cfg" >"$W/haproxy.log" 2>&1 &
haproxy_pid=$!
for _ in $(seq 50); do curl -fs "$FRONT/health/live" >/dev/null && break; sleep 0.2; done

if [[ -n ${ONLY_PUTS:-} ]]; then
  curl -fsS -u "$AUTH" -X MKCOL "$FRONT/dav/Private/bench/many/" >/dev/null
  : >"$W/empty"
  awk -v n="$ONLY_PUTS" -v base="$FRONT/dav/Private/bench/many" -v f="$W/empty" \
    'BEGIN { for (i = 0; i < n; i++) printf "upload-file = \"%s\"\nurl = \"%s/f%05d\"\noutput = \"/dev/null\"\nwrite-out = \"%%{http_code}\\n\"\n", f, base, i }' >"$W/puts.cfg"
  curl -sS --no-progress-meter -Z --parallel-max 8 -u "$AUTH" -K "$W/puts.cfg" | sort | uniq -c
  exit 0
fi

OUTDIR=$RESULTS "$PEERS/compare.sh" \
  "single=$BASE/dav/Private/bench/=$AUTH" "fleet=$FRONT/dav/Private/bench/=$AUTH"

# CPU per metadata GET on the fleet: both hosts, haproxy and the engines, under wrk at 64 connections.
head -c 4096 /dev/urandom >"$W/one"
curl -fsS -u "$AUTH" -T "$W/one" "$FRONT/api/v1/fs-content/Private/bench/meta.bin" >/dev/null
header="Authorization: Basic $(printf '%s' "$AUTH" | base64 -w0)"
wrk -t2 -c64 -d5s -H "$header" "$FRONT/api/v1/fs/Private/bench/meta.bin" >/dev/null
postmaster=$(head -1 "$W/pg/data/postmaster.pid")
pg_pids=("$postmaster" $(pgrep -P "$postmaster"))
redis_pid=$(pgrep -f "redis-server 127.0.0.1:$REDIS_PORT")
engine_pids=("${pg_pids[@]}" "$redis_pid" "$haproxy_pid" ${azurite_pid:+"$azurite_pid"})
hosts0=$(cpu_ticks "${fleet_pids[@]}"); engines0=$(cpu_ticks "${engine_pids[@]}")
wrk -t2 -c64 -d"$DURATION" --latency -H "$header" "$FRONT/api/v1/fs/Private/bench/meta.bin" >"$W/wrk.out"
hosts1=$(cpu_ticks "${fleet_pids[@]}"); engines1=$(cpu_ticks "${engine_pids[@]}")
requests=$(awk '/requests in/{print $1}' "$W/wrk.out")
kv fleet.meta_get_per_s "$(awk '/^Requests\/sec/{printf "%.0f", $2}' "$W/wrk.out")"
kv fleet.meta_get_p99 "$(awk '$1=="99%"{print $2}' "$W/wrk.out")"
kv fleet.strata_cpu_ms_per_request "$(awk -v a="$hosts0" -v b="$hosts1" -v n="$requests" 'BEGIN{printf "%.3f", (b-a)*10/n}')"
kv fleet.engines_cpu_ms_per_request "$(awk -v a="$engines0" -v b="$engines1" -v n="$requests" 'BEGIN{printf "%.3f", (b-a)*10/n}')"
