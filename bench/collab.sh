#!/usr/bin/env bash
# collab.sh - collaboration (issue 23): the first page of an item's comments with 1,000 comments on it (as 1,000
# threads, and as one thread of 999 replies), mention-to-bell latency with CLIENTS connected SignalR clients
# (bench/collab), and a tag filter over a 100,000-entry tree (folder ?tag= and the per-tag items API), each as
# an administrator and as a member who reads the tree through a grant. Prints key=value lines.
#   RUNS (default 200), CLIENTS (default 200), ROUNDS (default 50), TREE (default 100000), TAG_EVERY (default 100)
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-200}; CLIENTS=${CLIENTS:-200}; ROUNDS=${ROUNDS:-50}; TREE=${TREE:-100000}; TAG_EVERY=${TAG_EVERY:-100}
MEMBER_EMAIL=reader@strata.test; MEMBER_PASSWORD=reader-password-123
trap cleanup_lib EXIT; trap 'exit 130' INT TERM

api() { curl -fsS -u "$AUTH" -H 'Content-Type: application/json' "$@"; }

# p50 and p95 in ms of RUNS GETs of $2 as $1, over one connection; prints "p50 p95".
latency_ms() {
  local credentials=$1 url=$2
  curl -fsS -o /dev/null -u "$credentials" "$BASE$url" # warm-up
  awk -v n="$RUNS" -v url="$BASE$url" 'BEGIN { for (i = 0; i < n; i++) printf "url = \"%s\"\noutput = \"/dev/null\"\n", url }' >"$W/get.cfg"
  curl -sS -u "$credentials" -w '%{time_total}\n' -K "$W/get.cfg" | awk '{printf "%.2f\n", $1*1000}' | sort -g \
    | awk '{a[NR]=$1} END { p50=a[int(NR*0.50+0.999)]; p95=a[int(NR*0.95+0.999)]; print p50, p95 }'
}

report() { # report <key> <credentials> <url>
  local p50 p95
  read -r p50 p95 < <(latency_ms "$2" "$3")
  kv "$1_ms_p50" "$p50"; kv "$1_ms_p95" "$p95"
}

# Posts n comments on an item with 8 parallel requests; a reply to parent when given.
post_comments() {
  local item=$1 n=$2 parent=${3:-}
  seq "$n" | xargs -P 8 -I{} curl -fsS -o /dev/null -u "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"body\":\"Comment {} on the **figures**, see https://example.com/{}\"${parent:+,\"parentId\":$parent}}" "$BASE/api/v1/comments$item" \
    || { log "posting comments failed"; exit 1; }
}

start_strata
api -d "{\"email\":\"$MEMBER_EMAIL\",\"password\":\"$MEMBER_PASSWORD\"}" "$BASE/api/v1/admin/users" >/dev/null
member="$MEMBER_EMAIL:$MEMBER_PASSWORD"

# (a) The first page (20 threads, the API's default) of an item with 1,000 comments.
mkdir_api /Shared/Threads
api -X PUT -d "{\"user\":\"reader\",\"level\":\"Viewer\"}" "$BASE/api/v1/permissions/Shared/Threads" >/dev/null
for item in roots replies; do curl -fsS -o /dev/null -u "$AUTH" -T /dev/null "$BASE/api/v1/fs-content/Shared/Threads/$item.txt"; done
log "posting 1,000 comments as threads, and a thread of 1 + 999 replies"
post_comments /Shared/Threads/roots.txt 1000
root=$(api -d '{"body":"The thread everyone answers"}' "$BASE/api/v1/comments/Shared/Threads/replies.txt" | jq '.comment.id')
post_comments /Shared/Threads/replies.txt 999 "$root"
threads=$(curl -fsS -u "$member" "$BASE/api/v1/comments/Shared/Threads/roots.txt" | jq '.threads | length')
[[ $threads -eq 20 ]] || { log "the first page holds $threads threads, not 20"; exit 1; }
report collab.comments_1000_threads_first_page_admin "$AUTH" /api/v1/comments/Shared/Threads/roots.txt
report collab.comments_1000_threads_first_page_member "$member" /api/v1/comments/Shared/Threads/roots.txt
report collab.comments_999_replies_first_page_member "$member" /api/v1/comments/Shared/Threads/replies.txt
kv collab.comments_999_replies_first_page_bytes "$(curl -fsS -u "$member" "$BASE/api/v1/comments/Shared/Threads/replies.txt" | wc -c)"

# (b) Mention to bell over /hubs/notifications with CLIENTS connected users.
log "publishing bench/collab"
dotnet publish "$ROOT/bench/collab" -c Release -v quiet -nologo -o "$W/collab" >"$W/collab-build.log" 2>&1 || { cat "$W/collab-build.log"; exit 1; }
log "$CLIENTS SignalR clients, $ROUNDS mentions"
dotnet "$W/collab/Strata.Collab.dll" "$BASE" "$AUTH" "$CLIENTS" "$ROUNDS" >"$W/mentions.out" || { cat "$W/mentions.out"; log "mention bench failed"; exit 1; }
while IFS== read -r key value; do kv "$key" "$value"; done <"$W/mentions.out"

# (c) Tag filter over a TREE-entry tree: half in one folder (/Shared/Tree/big), half in 50 folders below it,
# every TAG_EVERY-th file tagged release-7. The entries are copied in SQL from one file made through the API
# (as the API makes them, 100,000 would take the bench several minutes), with Strata stopped.
log "seeding a $TREE-entry tree"
mkdir_api /Shared/Tree; mkdir_api /Shared/Tree/big
for d in $(seq -w 0 49); do mkdir_api "/Shared/Tree/d-$d"; done
curl -fsS -o /dev/null -u "$AUTH" -T /dev/null "$BASE/api/v1/fs-content/Shared/Tree/big/file-0000000.txt"
api -d '{"name":"release-7","scope":"shared"}' "$BASE/api/v1/tags" >/dev/null
api -X PUT "$BASE/api/v1/tags/release-7/Shared/Tree/big/file-0000000.txt" >/dev/null
api -X PUT -d "{\"user\":\"reader\",\"level\":\"Viewer\"}" "$BASE/api/v1/permissions/Shared/Tree" >/dev/null
stop_strata
db=$(find "$W/data" -maxdepth 2 -name '*.db' | head -1)
[[ -n $db ]] || { log "no SQLite database under $W/data"; exit 1; }
python3 - "$db" "$TREE" "$TAG_EVERY" <<'PY' || { log "seeding failed"; exit 1; }
import hashlib, re, sqlite3, sys
db, tree, every = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
con = sqlite3.connect(db)
con.row_factory = sqlite3.Row
def row(sql, *args):
    return con.execute(sql, args).fetchone()
template = row("SELECT * FROM Nodes WHERE PathKey = ? AND TrashedAt IS NULL", "/SHARED/TREE/BIG/FILE-0000000.TXT")
assignment = row("SELECT * FROM TagAssignments WHERE NodeId = ?", template["Id"])
columns = [c for c in template.keys() if c != "Id"]
def sort_key(key):  # NodeName.SortKeyOf: each run of digits as its significant length (2 digits) and digits
    return re.sub(r"\d+", lambda m: "%02d%s" % (len(m.group().lstrip("0") or "0"), m.group().lstrip("0") or "0"), key)
folders = {"big": tree // 2}
for d in range(50):
    folders["d-%02d" % d] = (tree - tree // 2) // 50
node_sql = "INSERT INTO Nodes (%s) VALUES (%s)" % (", ".join(columns), ", ".join("?" for _ in columns))
tag_columns = list(assignment.keys())
tag_sql = "INSERT INTO TagAssignments (%s) VALUES (%s)" % (", ".join(tag_columns), ", ".join("?" for _ in tag_columns))
made = tagged = 0
for folder, count in folders.items():
    parent = row("SELECT Id, Path FROM Nodes WHERE PathKey = ? AND TrashedAt IS NULL", "/SHARED/TREE/" + folder.upper())
    for i in range(1 if folder == "big" else 0, count):
        name = "file-%07d.txt" % i
        path = parent["Path"] + "/" + name
        values = dict(template)
        values.update(ParentId=parent["Id"], Name=name, NameKey=name.upper(), SortKey=sort_key(name.upper()),
                      Path=path, PathKey=path.upper(), PathHash=hashlib.sha256(path.upper().encode()).hexdigest())
        node_id = con.execute(node_sql, [values[c] for c in columns]).lastrowid
        made += 1
        if made % every == 0:
            tag = dict(assignment)
            tag["NodeId"] = node_id
            con.execute(tag_sql, [tag[c] for c in tag_columns])
            tagged += 1
con.commit()
total = row("SELECT COUNT(*) AS n FROM Nodes WHERE PathKey LIKE '/SHARED/TREE/%'")["n"]
print("seeded %d files (%d tagged); %d entries under /Shared/Tree" % (made, tagged, total), file=sys.stderr)
PY
run_strata
entries=$(sqlite3 "$db" "SELECT COUNT(*) FROM Nodes WHERE PathKey LIKE '/SHARED/TREE/%' AND TrashedAt IS NULL")
big_tagged=$(sqlite3 "$db" "SELECT COUNT(*) FROM TagAssignments a JOIN Nodes n ON n.Id = a.NodeId WHERE n.PathKey LIKE '/SHARED/TREE/BIG/%'")
all_tagged=$(sqlite3 "$db" "SELECT COUNT(*) FROM TagAssignments")
kv collab.tree_entries "$entries"
listed=$(curl -fsS -u "$member" "$BASE/api/v1/fs/Shared/Tree/big?tag=release-7" | jq '.children | length')
[[ $listed -eq $big_tagged ]] || { log "the member's filtered listing has $listed of $big_tagged tagged entries"; exit 1; }
total=$(curl -fsS -u "$member" "$BASE/api/v1/tags/release-7/items" | jq '.total')
[[ $total -eq $all_tagged ]] || { log "the member's tag page counts $total of $all_tagged tagged items"; exit 1; }
kv collab.tag_folder_children "$(curl -fsS -u "$AUTH" "$BASE/api/v1/fs/Shared/Tree/big" | jq '.children | length')"
kv collab.tag_folder_tagged "$big_tagged"
kv collab.tag_tree_tagged "$all_tagged"
report collab.tag_folder_filter_admin "$AUTH" "/api/v1/fs/Shared/Tree/big?tag=release-7"
report collab.tag_folder_filter_member "$member" "/api/v1/fs/Shared/Tree/big?tag=release-7"
report collab.tag_items_first_page_admin "$AUTH" /api/v1/tags/release-7/items
report collab.tag_items_first_page_member "$member" /api/v1/tags/release-7/items
kv strata.peak_rss_MB "$(strata_peak_rss_mb)"
