#!/usr/bin/env bash
# search.sh - search (issue 24, item 9), the part built so far: generates the corpus (bench/search/corpus.py: FILES
# files, TEXTS of them PDF/docx/Markdown with text, under 2,200 folders) and answers the bench's queries with the
# SQLite FTS5 peer (bench/search/fts5.py) over the corpus text, for a member who sees 40 of the 200 departments
# with one project denied in 20 of them. Strata's side (seeding, query p95, indexing rate, freshness, index size)
# is not built yet: see bench/README.md. Prints key=value lines.
#   FILES (default 100000), TEXTS (default 10000), RUNS (default 50)
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
FILES=${FILES:-100000}; TEXTS=${TEXTS:-10000}; RUNS=${RUNS:-50}
W=$(mktemp -d /tmp/strata-search.XXXXXX)
trap 'rm -rf "$W"' EXIT
QUERIES=("forecast" "quarterly forecast" "zephyrine" "report" "forecast type:pdf" "forecast tag:release-7"
  "invoice in:/Shared/Corpus/Dept-005" "turbine modified:>2026-01-01")

python3 "$HERE/search/corpus.py" "$W" "$FILES" "$TEXTS" || exit 1
# Every hundredth file carries the tag release-7, chosen so that some fall in the member's departments.
awk -F'\t' 'NR % 100 == 41 { print $1 }' "$W/manifest.tsv" >"$W/tagged.txt"
{ for d in $(seq 5 5 200); do printf '+/Shared/Corpus/Dept-%03d\n' "$d"; done
  for d in $(seq 10 10 200); do printf -- '-/Shared/Corpus/Dept-%03d/Project-03\n' "$d"; done; } >"$W/visible.txt"
python3 "$HERE/search/fts5.py" "$W/fts.db" "$W/manifest.tsv" "$W/tagged.txt" "$W/visible.txt" "$RUNS" "${QUERIES[@]}"
