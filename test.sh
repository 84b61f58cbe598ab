#!/usr/bin/env bash
# Runs Strata's whole test suite on a fresh machine: installs the system packages the
# tests drive (browser, media and protocol peers) when they are missing, then every test
# project. The last line is the total: "Tests: N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")"

# Debian packages the tests use as real peers; installed only when missing.
# package:command — a command already on the PATH (however it got there) counts as installed; no command: the package decides.
# Document previews: poppler for PDF pages, LibreOffice without its GUI for Office files, a font for text thumbnails.
packages=(chromium:chromium ffmpeg:ffmpeg litmus:litmus rclone:rclone cadaver:cadaver nginx:nginx curl:curl nodejs:node npm:npm util-linux-extra:fincore
  poppler-utils:pdftoppm libreoffice-core-nogui:soffice libreoffice-writer-nogui:soffice libreoffice-calc-nogui:soffice
  libreoffice-impress-nogui:soffice fonts-dejavu-core: libheif-examples:heif-convert postgresql: redis-server:redis-server haproxy:haproxy)
missing=()
for entry in "${packages[@]}"; do
  p=${entry%%:*}
  dpkg -s "$p" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin" command -v "${entry##*:}" >/dev/null || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing ${missing[*]}"
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null \
    || echo "warning: could not install ${missing[*]}" >&2
fi

# Commit messages since the rule began (docs/decisions/0010): a failing one counts as a failed test.
rule_began=57d3168
bad_messages=0
if git cat-file -e "$rule_began^{commit}" 2>/dev/null; then
  message=$(mktemp)
  for commit in $(git rev-list "$rule_began..HEAD"); do
    git log -1 --format=%B "$commit" >"$message"
    if ! tools/commit-msg "$message"; then
      echo "  in commit ${commit:0:7}" >&2
      bad_messages=$((bad_messages + 1))
    fi
  done
  rm -f "$message"
else
  echo "warning: commit $rule_began is not in this clone; commit messages not checked" >&2
fi

# Servers the tests use, each throwaway, on a port of its own, stopped at the end; one that does not start counts as a
# failed test. PostgreSQL (STRATA_TEST_POSTGRES) for the provider theories: initdb refuses root, so as root the
# cluster is the postgres user's; no durability, the data is thrown away. Redis (STRATA_TEST_REDIS) for the
# scale-out tests: in memory only. Garnet for those tests once more. Azurite (STRATA_TEST_AZURE_BLOB) and s3rver
# (STRATA_TEST_S3), emulators of Azure Blob Storage and S3 from npm, for the object store tests.
services_failed=0
services=$(mktemp -d /tmp/strata-services.XXXXXX)
chmod 755 "$services"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
pg_port=${STRATA_TEST_POSTGRES_PORT:-55432}
redis_port=${STRATA_TEST_REDIS_PORT:-56379}
as_pg=()
mkdir "$services/pg"
if ((EUID == 0)); then
  chown postgres "$services/pg" && as_pg=(runuser -u postgres --)
fi
stop_services() {
  [[ -n $pg_bin ]] && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$services/pg/data" -m immediate stop >/dev/null 2>&1
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1
  [[ -n ${garnet_pid:-} ]] && kill "$garnet_pid" 2>/dev/null
  [[ -n ${azurite_pid:-} ]] && kill "$azurite_pid" 2>/dev/null
  [[ -n ${s3rver_pid:-} ]] && kill "$s3rver_pid" 2>/dev/null
  rm -rf "$services"
}
trap stop_services EXIT
if [[ -n $pg_bin ]] && "${as_pg[@]}" "$pg_bin/initdb" -D "$services/pg/data" -U strata --auth=trust -E UTF8 --locale=C >"$services/pg/initdb.log" 2>&1 &&
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$services/pg/data" -l "$services/pg/server.log" -w \
    -o "-h 127.0.0.1 -p $pg_port -k $services/pg -c fsync=off -c synchronous_commit=off -c max_connections=300" start >/dev/null; then
  export STRATA_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=strata"
else
  echo "error: PostgreSQL did not start, so the tests that need it cannot run:" >&2
  cat "$services"/pg/*.log >&2 2>/dev/null
  services_failed=$((services_failed + 1))
fi
redis_up() { redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG; }
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --daemonize yes \
  --dir "$services" --logfile "$services/redis.log" >/dev/null 2>&1
for _ in 1 2 3 4 5 6 7 8 9 10; do redis_up && break; sleep 0.2; done
if redis_up; then
  export STRATA_TEST_REDIS="127.0.0.1:$redis_port"
else
  echo "error: Redis did not start, so the tests that need it cannot run:" >&2
  cat "$services/redis.log" >&2 2>/dev/null
  services_failed=$((services_failed + 1))
fi
# Garnet (Microsoft's Redis-compatible server, a dotnet tool) for one more run of the tests that need Redis, to show
# whether it can stand in.
garnet_port=${STRATA_TEST_GARNET_PORT:-56389}
if dotnet tool install --tool-path "$services/garnet" garnet-server --version 2.2.12 >"$services/garnet-install.log" 2>&1; then
  "$services/garnet/garnet-server" --bind 127.0.0.1 --port "$garnet_port" --lua -m 256m >"$services/garnet.log" 2>&1 &
  garnet_pid=$!
  for _ in $(seq 50); do redis-cli -p "$garnet_port" ping 2>/dev/null | grep -q PONG && break; sleep 0.2; done
fi
if redis-cli -p "$garnet_port" ping 2>/dev/null | grep -q PONG; then
  garnet="127.0.0.1:$garnet_port"
else
  echo "error: Garnet did not start, so the Redis tests cannot run against it:" >&2
  cat "$services"/garnet*.log >&2 2>/dev/null
  services_failed=$((services_failed + 1))
fi
# The emulators, pinned; each object store test makes a container of its own in them.
azurite_port=${STRATA_TEST_AZURITE_PORT:-56410}
s3rver_port=${STRATA_TEST_S3RVER_PORT:-56420}
listening() { curl -s -o /dev/null "http://127.0.0.1:$1/"; }
if npm install --no-audit --no-fund --prefix "$services/npm" azurite@3.37.0 s3rver@3.7.1 >"$services/npm.log" 2>&1; then
  mkdir -p "$services/azurite" "$services/s3rver"
  "$services/npm/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$azurite_port" --location "$services/azurite" \
    --skipApiVersionCheck --disableTelemetry --loose >"$services/azurite.log" 2>&1 &
  azurite_pid=$!
  "$services/npm/node_modules/.bin/s3rver" --address 127.0.0.1 --port "$s3rver_port" --directory "$services/s3rver" --silent \
    >"$services/s3rver.log" 2>&1 &
  s3rver_pid=$!
  for _ in $(seq 50); do listening "$azurite_port" && listening "$s3rver_port" && break; sleep 0.2; done
fi
# Exports variable=value when the emulator answers on port, else counts it as a failed service, with its logs.
export_if_listening() {
  local name=$1 port=$2 variable=$3 value=$4
  if listening "$port"; then
    export "$variable=$value"
  else
    echo "error: $name did not start, so the tests that need it cannot run:" >&2
    cat "$services/npm.log" "$services/$name.log" >&2 2>/dev/null
    services_failed=$((services_failed + 1))
  fi
}
# Azurite's documented development account; its key is public.
export_if_listening azurite "$azurite_port" STRATA_TEST_AZURE_BLOB \
  "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$azurite_port/devstoreaccount1;"
export_if_listening s3rver "$s3rver_port" STRATA_TEST_S3 \
  "ServiceUrl=http://127.0.0.1:$s3rver_port;AccessKey=S3RVER;SecretKey=S3RVER;ForcePathStyle=true"

dotnet tool restore >/dev/null
log=$(mktemp)
web_log=$(mktemp)
status=0
if dotnet build Platform.sln -v quiet -nologo 2>&1 | tee "$log"; then
  # Two lanes, one per core (docs/decisions/0024): Web.Tests, the longest module by far, starts first in its own;
  # the others run one after another beside it, then Web.Tests' WebDAV classes, so both lanes end about together.
  moved=Strata.Web.Tests.Dav
  dotnet test --project tests/Web.Tests --no-build --filter-not-namespace "$moved" "$@" >"$web_log" 2>&1 &
  web=$!
  for project in tests/EndToEnd.Tests $(ls -d tests/*.Tests | grep -v -e /Web.Tests -e /EndToEnd.Tests); do
    dotnet test --project "$project" --no-build "$@" 2>&1 | tee -a "$log"
    ((PIPESTATUS[0] == 0)) || status=1
  done
  dotnet test --project tests/Web.Tests --no-build --filter-namespace "$moved" "$@" 2>&1 | tee -a "$log"
  ((PIPESTATUS[0] == 0)) || status=1
  if [[ -n ${garnet:-} ]]; then
    echo "The tests that need Redis, against Garnet:"
    STRATA_TEST_REDIS=$garnet dotnet test --project tests/Web.Tests --no-build \
      --filter-class "*ScaleOutTests" --filter-class "*DeploymentTests" --filter-class "*HostRolesTests" "$@" 2>&1 | tee -a "$log"
    ((PIPESTATUS[0] == 0)) || status=1
  fi
  wait "$web" || status=1
  tee -a "$log" <"$web_log"
else
  status=1
fi
rm -f "$web_log"

# Sum the per-run summaries of Microsoft.Testing.Platform ("total: / failed: / succeeded: / skipped:").
read -r passed failed skipped < <(awk '
  /^[[:space:]]*failed:[[:space:]]*[0-9]+/    { f += $2 }
  /^[[:space:]]*succeeded:[[:space:]]*[0-9]+/ { p += $2 }
  /^[[:space:]]*skipped:[[:space:]]*[0-9]+/   { s += $2 }
  END { print p+0, f+0, s+0 }' "$log")
# The failures again at the end, with the first lines of each one's message, so that a CI page showing only the last
# lines still names them and says why.
awk '
  /^[[:space:]]*failed [^:]/ { name = $0; sub(/^[[:space:]]*/, "", name); show = !seen[name]++ ? 6 : 0
                               if (show) { if (!n++) print "Failed:"; print "  " name }; next }
  show && /^[[:space:]]*(Stack Trace:|at |passed |failed |skipped )/ { show = 0 }
  show { print "      " substr($0, 1, 200); show-- }' "$log"
rm -f "$log"
if ((status != 0 && failed == 0)); then
  failed=1 # the build or the runner failed before any test could
fi
failed=$((failed + bad_messages + services_failed))

summary="Tests: $passed passed, $failed failed"
((skipped > 0)) && summary+=", $skipped skipped"
echo "$summary"
((failed == 0 && status == 0))
