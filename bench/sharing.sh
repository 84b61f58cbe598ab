#!/usr/bin/env bash
# sharing.sh - listing latency of a 10,000-file folder for a member of 20 groups with 200 grants in the
# tree, beside the same listing by the administrator (who needs no rights lookup). Prints key=value lines.
#   FILES (default 10000), RUNS (default 20)
source "$(dirname "$0")/lib.sh"
FILES=${FILES:-10000}; RUNS=${RUNS:-20}
MEMBER_EMAIL=member@strata.test; MEMBER_PASSWORD=member-password-123
trap cleanup_lib EXIT; trap 'exit 130' INT TERM

api() { curl -fsS -u "$AUTH" -H 'Content-Type: application/json' "$@"; }
json_field() { grep -o "\"$1\":[^,}]*" | head -1 | cut -d: -f2- | tr -d '"'; }
grant() { api -X PUT -d "{\"group\":\"$2\",\"level\":\"$3\"}" "$BASE/api/v1/permissions$1" >/dev/null; }
median_ms() { for _ in $(seq "$RUNS"); do curl -sS -o /dev/null -u "$1" -w '%{time_total}\n' "$BASE/api/v1/fs$2"; done | awk '{printf "%.1f\n", $1*1000}' | median; }

start_strata
member_id=$(api -d "{\"email\":\"$MEMBER_EMAIL\",\"password\":\"$MEMBER_PASSWORD\"}" "$BASE/api/v1/admin/users" | json_field id)
log "20 groups with the member in each, 200 grants"
for g in $(seq -w 1 20); do
  group_id=$(api -d "{\"name\":\"team-$g\"}" "$BASE/api/v1/admin/groups" | json_field id)
  api -X PUT "$BASE/api/v1/admin/groups/$group_id/members/$member_id" >/dev/null
done
# 199 department folders, each granted to one of the groups (every tenth one an explicit no-access),
# plus the grant that lets the member into the big folder: 200 grants on the member's groups.
for d in $(seq -w 1 199); do
  mkdir_api "/Shared/Dept-$d"
  level=Viewer; ((10#$d % 10 == 0)) && level=None; ((10#$d % 3 == 0)) && [[ $level != None ]] && level=Editor
  grant "/Shared/Dept-$d" "team-$(printf %02d $((10#$d % 20 + 1)))" "$level"
done
populate_folder /Shared/Big "$FILES"
grant /Shared/Big team-07 Viewer

member="$MEMBER_EMAIL:$MEMBER_PASSWORD"
count=$(curl -fsS -u "$member" "$BASE/api/v1/fs/Shared/Big" | grep -o '"name"' | wc -l)
[[ $count -eq $((FILES + 1)) ]] || { log "the member sees $((count - 1)) of $FILES entries"; exit 1; }
curl -fsS -o /dev/null -u "$member" "$BASE/api/v1/fs/Shared/Big"; curl -fsS -o /dev/null -u "$AUTH" "$BASE/api/v1/fs/Shared/Big" # warm-up
admin_ms=$(median_ms "$AUTH" /Shared/Big)
member_ms=$(median_ms "$member" /Shared/Big)
kv "sharing.admin_list_${FILES}_ms_median" "$admin_ms"
kv "sharing.member_list_${FILES}_ms_median" "$member_ms"
kv sharing.member_over_admin "$(awk -v m="$member_ms" -v a="$admin_ms" 'BEGIN{printf "%.2f", m/a}')"
