# Shared by the bench scripts: publish Strata in Release, start it on loopback with a fresh data
# folder and an administrator, stop it on exit. Source it; it defines W (work dir), BASE, AUTH.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PORT=${STRATA_PORT:-18090}
BASE="http://127.0.0.1:$PORT"
ADMIN_EMAIL=bench@strata.test
ADMIN_PASSWORD=bench-password-123
AUTH="$ADMIN_EMAIL:$ADMIN_PASSWORD"
W=$(mktemp -d /tmp/strata-bench.XXXXXX); chmod 755 "$W"
STRATA_PID=""

log() { echo "[$(date +%T)] $*" >&2; }
kv() { echo "$1=$2"; [[ -n ${RESULT_FILE:-} ]] && echo "$1=$2" >> "$RESULT_FILE"; return 0; }
median() { sort -g | awk '{a[NR]=$1} END{if(NR==0){print "NA"} else if(NR%2){print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }

stop_strata() {
  [[ -n $STRATA_PID ]] && kill -TERM "$STRATA_PID" 2>/dev/null && wait "$STRATA_PID" 2>/dev/null
  STRATA_PID=""
  return 0
}

start_strata() {
  log "publishing Strata (Release)"
  # Without OUTDIR, which the scripts take for their raw figures: MSBuild would take it for the publish's output folder.
  env -u OUTDIR dotnet publish "$ROOT/src/Web" -c Release -v quiet -nologo >"$W/build.log" 2>&1 || { cat "$W/build.log"; exit 1; }
  run_strata
}

# Starts the published Strata on the data folder in $W (again, after stop_strata, keeps what it holds).
run_strata() {
  log "starting Strata on $BASE"
  # Published and started in its folder, as a deployment runs it: that folder is the content root (appsettings.json
  # applies), and static assets are served from the publish manifest rather than checked on disk per request.
  (cd "$ROOT/artifacts/publish/Web/release" && ASPNETCORE_URLS=$BASE ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0 \
    Strata__DataPath="$W/data" Strata__Admin__Email=$ADMIN_EMAIL Strata__Admin__Password=$ADMIN_PASSWORD \
    Logging__LogLevel__Default=Warning \
    exec dotnet Strata.Web.dll >"$W/strata.log" 2>&1) &
  STRATA_PID=$!
  for _ in $(seq 120); do
    curl -fs "$BASE/health/ready" >/dev/null && return 0
    sleep 0.5
  done
  log "Strata did not become ready"; cat "$W/strata.log"; exit 1
}

# Peak resident set of the Strata process so far, in MB.
strata_peak_rss_mb() { awk '/VmHWM/{printf "%.0f\n", $2/1024}' "/proc/$STRATA_PID/status"; }

mkdir_api() { curl -fsS -u "$AUTH" -H 'Content-Type: application/json' -d '{"action":"add_folder"}' "$BASE/api/v1/fs$1" >/dev/null; }

# Creates n empty files in a new folder through the API (8 parallel PUTs); prints strata.create_<n>_per_s.
populate_folder() {
  local folder=$1 n=$2 started
  mkdir_api "$folder"
  : >"$W/empty"
  log "creating $n empty files in $folder"
  awk -v n="$n" -v base="$BASE/api/v1/fs-content$folder" -v empty="$W/empty" \
    'BEGIN { for (i = 0; i < n; i++) printf "upload-file = \"%s\"\nurl = \"%s/file-%06d.txt\"\noutput = \"/dev/null\"\n", empty, base, i }' >"$W/urls.cfg"
  started=$(date +%s.%N)
  curl -sS --no-progress-meter --fail-early -Z --parallel-max 8 -u "$AUTH" -K "$W/urls.cfg" || { log "populating failed"; exit 1; }
  kv "strata.create_${n}_per_s" "$(awk -v a="$started" -v b="$(date +%s.%N)" -v n="$n" 'BEGIN{printf "%.0f", n/(b-a)}')"
}

cleanup_lib() { stop_strata; rm -rf "$W"; }
