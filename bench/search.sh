#!/usr/bin/env bash
# search.sh - search (issue 24): generates the corpus (bench/search/corpus.py: FILES files, TEXTS of them
# PDF/docx/Markdown with text, under 2,200 folders), answers the bench's queries with the SQLite FTS5 peer
# (bench/search/fts5.py) and then with Strata, for a member of 20 groups who sees 40 of the 200 departments with one
# project denied in 20 of them. Strata's side: upload rate of the corpus, indexing (documents per CPU-second of the
# whole process while text is read and indexed, and of a full rebuild), query p50/p95 through GET /api/v1/search as the member,
# upload-to-searchable over WebDAV (a PDF with a new word, ROUNDS times), and the index size against the text it
# holds. Prints key=value lines.
#   FILES (default 100000), TEXTS (default 10000), RUNS (default 50), ROUNDS (default 20), PEER (default 1)
source "$(dirname "$0")/lib.sh"
HERE="$ROOT/bench"
FILES=${FILES:-100000}; TEXTS=${TEXTS:-10000}; RUNS=${RUNS:-50}; ROUNDS=${ROUNDS:-20}; PEER=${PEER:-1}
MEMBER_EMAIL=member@strata.test; MEMBER_PASSWORD=member-password-123; MEMBER="$MEMBER_EMAIL:$MEMBER_PASSWORD"
trap cleanup_lib EXIT; trap 'exit 130' INT TERM
QUERIES=("forecast" "quarterly forecast" "zephyrine" "report" "forecast type:pdf" "forecast tag:release-7"
  "invoice in:/Shared/Corpus/Dept-005" "turbine modified:>2026-01-01")

api() { curl -fsS -u "$AUTH" -H 'Content-Type: application/json' "$@"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
cpu_seconds() { awk '{ printf "%.2f\n", ($14 + $15) / 100 }' "/proc/$STRATA_PID/stat"; }
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
percentiles() { sort -g | awk '{a[NR]=$1} END { print a[int(NR*0.50+0.999)], a[int(NR*0.95+0.999)], a[NR] }'; }

python3 "$HERE/search/corpus.py" "$W/corpus" "$FILES" "$TEXTS" || exit 1
# Every hundredth file carries the tag release-7, chosen so that some fall in the member's departments.
awk -F'\t' 'NR % 100 == 41 { print $1 }' "$W/corpus/manifest.tsv" >"$W/tagged.txt"
{ for d in $(seq 5 5 200); do printf '+/Shared/Corpus/Dept-%03d\n' "$d"; done
  for d in $(seq 10 10 200); do printf -- '-/Shared/Corpus/Dept-%03d/Project-03\n' "$d"; done; } >"$W/visible.txt"
if [[ $PEER == 1 ]]; then
  python3 "$HERE/search/fts5.py" "$W/fts.db" "$W/corpus/manifest.tsv" "$W/tagged.txt" "$W/visible.txt" "$RUNS" "${QUERIES[@]}"
fi

start_strata
member_id=$(api -d "{\"email\":\"$MEMBER_EMAIL\",\"password\":\"$MEMBER_PASSWORD\"}" "$BASE/api/v1/admin/users" | jq -r '.id')
api -d '{"email":"keeper@strata.test","password":"keeper-password-123"}' "$BASE/api/v1/admin/users" >/dev/null
for g in $(seq -w 1 20); do
  group=$(api -d "{\"name\":\"team-$g\"}" "$BASE/api/v1/admin/groups" | jq -r '.id')
  api -X PUT "$BASE/api/v1/admin/groups/$group/members/$member_id" >/dev/null || { log "adding the member to team-$g failed"; exit 1; }
done

log "making $(wc -l <"$W/corpus/folders.txt") folders"
# A request's options in a curl config add up (two data lines are joined) until "next", which also drops the user
# and header given on the command line, so each request carries its own.
awk -v base="$BASE/api/v1/fs" -v user="$AUTH" 'NR > 1 { print "next" } { printf "url = \"%s%s\"\nuser = \"%s\"\nheader = \"Content-Type: application/json\"\ndata = \"{\\\"action\\\":\\\"add_folder\\\"}\"\noutput = \"/dev/null\"\n", base, $0, user }' \
  "$W/corpus/folders.txt" >"$W/folders.cfg"
# Parents come first in folders.txt; one request at a time keeps them in that order.
curl -sS --fail-early -K "$W/folders.cfg" || { log "making folders failed"; exit 1; }
# The grants come before the files, so that the index follows a tree whose rights are set, as in a real install:
# Corpus is governed (a grant to someone else), each group sees two departments, the member is denied one project in 20.
api -X PUT -d '{"user":"keeper","level":"Viewer"}' "$BASE/api/v1/permissions/Shared/Corpus" >/dev/null || { log "granting keeper failed"; exit 1; }
k=0
for d in $(seq 5 5 200); do
  api -X PUT -d "{\"group\":\"team-$(printf %02d $((k % 20 + 1)))\",\"level\":\"Viewer\"}" "$BASE/api/v1/permissions/Shared/Corpus/Dept-$(printf %03d "$d")" >/dev/null || { log "granting a group failed"; exit 1; }
  k=$((k + 1))
done
for d in $(seq 10 10 200); do
  api -X PUT -d '{"user":"member","level":"None"}' "$BASE/api/v1/permissions/Shared/Corpus/Dept-$(printf %03d "$d")/Project-03" >/dev/null || { log "denying the member failed"; exit 1; }
done

log "uploading $FILES files"
cpu_before=$(cpu_seconds); started=$(now)
sed "s#{BASE}#$BASE#" "$W/corpus/uploads.cfg" | curl -sS --no-progress-meter --fail-early -Z --parallel-max 8 -u "$AUTH" -K - || { log "uploading failed"; exit 1; }
upload_s=$(elapsed "$started")
kv strata.search.upload_files_per_s "$(awk -v n="$FILES" -v s="$upload_s" 'BEGIN { printf "%.0f", n / s }')"
api -d '{"name":"release-7","scope":"shared"}' "$BASE/api/v1/tags" >/dev/null
awk -v base="$BASE/api/v1/tags/release-7" '{ printf "url = \"%s%s\"\nrequest = \"PUT\"\noutput = \"/dev/null\"\n", base, $0 }' "$W/tagged.txt" \
  | curl -sS --no-progress-meter --fail-early -Z --parallel-max 8 -u "$AUTH" -K - || { log "tagging failed"; exit 1; }

log "waiting for the text and the index to catch up"
texts_expected=$TEXTS
while :; do
  status=$(api "$BASE/api/v1/admin/search/status")
  pending=$(sqlite3 "$(find "$W/data" -maxdepth 2 -name '*.db' | head -1)" "SELECT COUNT(*) FROM Renditions WHERE Kind = 'Text' AND Status = 'Pending'")
  if [[ $(jq -r '.lag' <<<"$status") == 0 && $(jq -r '.pendingText' <<<"$status") == 0 && $pending == 0 && $(jq -r '.rebuilding' <<<"$status") == false ]]; then break; fi
  sleep 1
done
caught_up_s=$(elapsed "$started"); cpu_used=$(awk -v a="$cpu_before" -v b="$(cpu_seconds)" 'BEGIN { print b - a }')
kv strata.search.caught_up_after_upload_start_s "$caught_up_s"
kv strata.search.documents "$(jq -r '.documents' <<<"$status")"
kv strata.search.docs_per_cpu_second "$(awk -v n="$FILES" -v c="$cpu_used" 'BEGIN { printf "%.0f", n / c }')"
db=$(find "$W/data" -maxdepth 2 -name '*.db' | head -1)
# Text renditions are blobs of their own (no Blobs row): their size is on disk.
text_bytes=$(sqlite3 "$db" "SELECT BlobHash FROM Renditions WHERE Kind = 'Text' AND Status = 'Ready'" \
  | python3 -c 'import os, sys; print(sum(os.path.getsize(os.path.join(sys.argv[1], h[:2], h[2:4], h)) for h in sys.stdin.read().split()))' "$W/data/blobs")
index_bytes=$(du -sb "$W/data/search-index" | cut -f1)
kv strata.search.text_ready "$(sqlite3 "$db" "SELECT COUNT(*) FROM Renditions WHERE Kind = 'Text' AND Status = 'Ready'") of $texts_expected"
kv strata.search.text_mb "$(awk -v b="$text_bytes" 'BEGIN { printf "%.1f", b / 1048576 }')"
kv strata.search.index_mb "$(awk -v b="$index_bytes" 'BEGIN { printf "%.1f", b / 1048576 }')"

for query in "${QUERIES[@]}"; do
  url="/api/v1/search?q=$(urlencode "$query")"
  key="strata.search.$(tr -c 'a-zA-Z0-9' '_' <<<"$query" | sed 's/_*$//')"
  kv "${key}_hits" "$(curl -fsS -u "$MEMBER" "$BASE$url" | jq -r '.total')"
  awk -v n="$RUNS" -v url="$BASE$url" 'BEGIN { for (i = 0; i < n; i++) printf "url = \"%s\"\noutput = \"/dev/null\"\n", url }' >"$W/get.cfg"
  read -r p50 p95 _ < <(curl -sS -u "$MEMBER" -w '%{time_total}\n' -K "$W/get.cfg" | awk '{ printf "%.2f\n", $1 * 1000 }' | percentiles)
  kv "${key}_ms_p50" "$p50"; kv "${key}_ms_p95" "$p95"
done

log "rebuilding the index from the database"
cpu_before=$(cpu_seconds); started=$(now)
api -X POST -d '{}' "$BASE/api/v1/admin/search/rebuild" >/dev/null || { log "asking for a rebuild failed"; exit 1; }
sleep 1
until status=$(api "$BASE/api/v1/admin/search/status") && [[ $(jq -r '.rebuilding' <<<"$status") == false && $(jq -r '.lag' <<<"$status") == 0 ]]; do sleep 0.5; done
rebuild_s=$(elapsed "$started"); cpu_used=$(awk -v a="$cpu_before" -v b="$(cpu_seconds)" 'BEGIN { print b - a }')
kv strata.search.rebuild_s "$rebuild_s"
kv strata.search.rebuild_docs_per_s "$(awk -v n="$(jq -r '.documents' <<<"$status")" -v s="$rebuild_s" 'BEGIN { printf "%.0f", n / s }')"
kv strata.search.rebuild_docs_per_cpu_second "$(awk -v n="$(jq -r '.documents' <<<"$status")" -v c="$cpu_used" 'BEGIN { printf "%.0f", n / c }')"

log "upload to searchable over WebDAV, $ROUNDS rounds"
: >"$W/fresh.txt"
for i in $(seq "$ROUNDS"); do
  word="freshword$RANDOM$i"
  python3 - "$W/fresh.pdf" "$word" <<'PY'
import sys
out, word = sys.argv[1], sys.argv[2]
stream = "BT /F1 12 Tf 40 800 Td (the %s report) Tj ET" % word
objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
           "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
           "<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream), "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
body, offsets = "%PDF-1.4\n", []
for number, obj in enumerate(objects, 1):
    offsets.append(len(body)); body += "%d 0 obj\n%s\nendobj\n" % (number, obj)
xref = len(body)
body += "xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + "".join("%010d 00000 n \n" % o for o in offsets)
body += "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open(out, "wb").write(body.encode("ascii"))
PY
  started=$(now)
  curl -fsS -o /dev/null -u "$AUTH" -T "$W/fresh.pdf" "$BASE/dav/Shared/Corpus/Dept-005/Project-01/fresh-$i.pdf" || { log "the WebDAV PUT failed"; exit 1; }
  until [[ $(curl -fsS -u "$MEMBER" "$BASE/api/v1/search?q=$word" | jq -r '.total') -ge 1 ]]; do
    awk -v s="$(elapsed "$started")" 'BEGIN { exit !(s > 30) }' && { log "$word was not found within 30 s"; exit 1; }
    sleep 0.05
  done
  awk -v a="$started" -v b="$(now)" 'BEGIN { printf "%.0f\n", (b - a) * 1000 }' >>"$W/fresh.txt"
done
read -r p50 p95 max < <(percentiles <"$W/fresh.txt")
kv strata.search.upload_to_searchable_ms_p50 "$p50"; kv strata.search.upload_to_searchable_ms_p95 "$p95"; kv strata.search.upload_to_searchable_ms_max "$max"
kv strata.search.peak_rss_mb "$(strata_peak_rss_mb)"
