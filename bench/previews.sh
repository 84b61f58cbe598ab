#!/usr/bin/env bash
# previews.sh - issue 22 item 10: photo thumbnails (64 and 256 square crops, 1024 fit, WebP) in one run, on the same
# generated 24-megapixel JPEGs: Strata from the first upload until every size answers 200, beside the bare libraries
# on the same files (bench/thumbs: NetVips with Strata's settings, ImageSharp 2.1.13) and the `vipsthumbnail` CLI;
# then BULK smaller photos uploaded at once while a folder listing is timed every 200 ms. Prints key=value lines.
#   PHOTOS (default 200), BULK (default 1000), BULK_SIZE (default 4240x2830, 12 MP), BULK_BASES (distinct pictures
#   among the bulk photos, default 50: the others are byte-unique copies), PARALLEL (concurrent PUTs, default 6),
#   IDLE_SAMPLES (idle listings, default 100), TIMEOUT (seconds to wait for thumbnails, default 1800).
# CPU-seconds are utime+stime from /proc (all threads of the process, on any core): for Strata, of its process from
# the first upload until the last thumbnail is ready, so they include receiving the uploads and answering the polls.
source "$(dirname "$0")/lib.sh"
PHOTOS=${PHOTOS:-200}; BULK=${BULK:-1000}; BULK_SIZE=${BULK_SIZE:-4240x2830}; BULK_BASES=${BULK_BASES:-50}
PARALLEL=${PARALLEL:-6}; IDLE_SAMPLES=${IDLE_SAMPLES:-100}; TIMEOUT=${TIMEOUT:-1800}
LISTER_PID=""; SAMPLER_PID=""; CEILING_PID=""; CEILING="http://127.0.0.1:${CEILING_PORT:-18097}/"
cleanup() { for p in $LISTER_PID $SAMPLER_PID $CEILING_PID; do kill "$p" 2>/dev/null; done; cleanup_lib; }
trap cleanup EXIT; trap 'exit 130' INT TERM

command -v vipsthumbnail >/dev/null || { log "vipsthumbnail is missing: apt-get install -y libvips-tools"; exit 1; }
CORES=$(nproc); TICKS=$(getconf CLK_TCK)
THUMBS=(dotnet "$ROOT/artifacts/publish/Thumbs/release/Strata.Thumbs.dll")

secs_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}'; }
ratio() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN{printf f, a/b}'; }
# CPU-seconds (user + system, all threads) of the process $1 so far, and of Strata's.
cpu_of() { awk -v t="$TICKS" '{printf "%.2f", ($14+$15)/t}' "/proc/$1/stat"; }
strata_cpu() { cpu_of "$STRATA_PID"; }
# One line per thread of Strata: id, name, CPU ticks so far (the name may hold spaces, so it is cut out by its brackets).
strata_tasks() { awk '{o=index($0,"("); c=match($0,/\) [A-Za-z] /); split(substr($0,c+2),f," "); print $1 "\t" substr($0,o+1,c-o-1) "\t" f[12]+f[13]}' /proc/"$STRATA_PID"/task/*/stat 2>/dev/null; }
# Samples strata_tasks every 0.5 s into $1 until $1.stop exists, so threads that end in between (libvips lets idle
# workers go) still count up to their last sample.
sample_tasks() { while [[ ! -e $1.stop ]]; do strata_tasks; sleep 0.5; done >"$1"; }
# CPU-seconds per thread name in the samples $2 after the snapshot $1 ("name<TAB>seconds", largest first).
thread_cpu() {
  awk -F'\t' -v t="$TICKS" 'NR==FNR{base[$1]=$3; next} {if($3>last[$1]) last[$1]=$3; name[$1]=$2}
    END{for(id in last) s[name[id]]+=last[id]-base[id]; for(n in s) if(s[n]>0) printf "%s\t%.2f\n", n, s[n]/t}' "$1" "$2" | sort -t$'\t' -k2 -gr
}
p95() { sort -g | awk '{a[NR]=$1} END{if(NR==0){print "NA"} else {i=int(NR*0.95); if(i<NR*0.95) i++; printf "%.1f\n", a[i]*1000}}'; }

# PUTs every *.jpg of $1 into the folder $2, PARALLEL at a time.
upload_dir() {
  mkdir_api "$2"
  for f in "$1"/*.jpg; do printf 'upload-file = "%s"\nurl = "%s%s/%s"\noutput = "/dev/null"\n' "$f" "$BASE/api/v1/fs-content" "$2" "${f##*/}"; done >"$W/upload.cfg"
  curl -sS --no-progress-meter --fail-early -Z --parallel-max "$PARALLEL" -u "$AUTH" -K "$W/upload.cfg" || { log "uploading $1 failed"; exit 1; }
}

# Waits until GET /api/v1/previews/<folder>/<photo>?size=64|256|1024 answers 200 for every photo of $1 (202 is
# pending). Each pass asks in upload order and stops at the first pending photo, so waiting costs Strata a few
# requests per pass rather than one per photo; a photo once ready is not asked for again.
wait_thumbnails() {
  local folder=$2 started name size code blocked; local -a pending next
  pending=("$1"/*.jpg); pending=("${pending[@]##*/}"); started=$(date +%s)
  while ((${#pending[@]})); do
    next=(); blocked=0
    for name in "${pending[@]}"; do
      if ((blocked)); then next+=("$name"); continue; fi
      for size in 64 256 1024; do
        code=$(curl -sS -o /dev/null -w '%{http_code}' -u "$AUTH" "$BASE/api/v1/previews$folder/$name?size=$size")
        [[ $code == 200 ]] && continue
        [[ $code == 202 ]] || { log "$folder/$name size $size answered $code"; curl -sS -u "$AUTH" "$BASE/api/v1/previews$folder/$name?size=$size" >&2; exit 1; }
        blocked=1; next+=("$name"); break
      done
    done
    pending=("${next[@]}")
    ((${#pending[@]})) || break
    (($(date +%s) - started < TIMEOUT)) || { log "${#pending[@]} photos still without thumbnails after $TIMEOUT s"; exit 1; }
    sleep 0.2
  done
}

log "publishing bench/thumbs"
dotnet publish "$ROOT/bench/thumbs" -c Release -v quiet -nologo >"$W/thumbs-build.log" 2>&1 || { cat "$W/thumbs-build.log"; exit 1; }
start_strata

# --- 1. the same PHOTOS 24-megapixel JPEGs through each -------------------------------------------------------------
log "generating $PHOTOS photos of 6000x4000"
started=$(date +%s.%N)
"${THUMBS[@]}" generate "$W/photos" "$PHOTOS" 6000 4000 0 || exit 1
log "generated in $(secs_since "$started") s"
kv photos.count "$PHOTOS"
kv photos.megapixels 24
kv photos.mean_MB "$(du -cb "$W"/photos/*.jpg | awk -v n="$PHOTOS" 'END{printf "%.1f", $1/n/1e6}')"
kv cores "$CORES"

log "bare NetVips"
"${THUMBS[@]}" netvips "$W/photos" >"$W/netvips.txt" || exit 1
while IFS='=' read -r k v; do kv "$k" "$v"; done <"$W/netvips.txt"

# Receiving the same uploads costs Strata CPU that no library pays: bench/ceiling (a bare ASP.NET Core server that
# writes and fsyncs each PUT, nothing else) measures the least that costs on this runtime and machine.
log "bare uploads into bench/ceiling"
dotnet publish "$ROOT/bench/ceiling" -c Release -v quiet -nologo >"$W/ceiling-build.log" 2>&1 || { cat "$W/ceiling-build.log"; exit 1; }
CEILING_ROOT="$W/ceiling" CEILING_DURABLE=1 ASPNETCORE_URLS=$CEILING DOTNET_gcServer=0 \
  dotnet "$ROOT/artifacts/publish/Ceiling/release/Strata.Ceiling.dll" >"$W/ceiling.log" 2>&1 &
CEILING_PID=$!
for _ in $(seq 60); do curl -fs -o /dev/null -X OPTIONS "$CEILING" && break; sleep 0.5; done
for f in "$W"/photos/*.jpg; do printf 'upload-file = "%s"\nurl = "%s%s"\noutput = "/dev/null"\n' "$f" "$CEILING" "${f##*/}"; done >"$W/ceiling.cfg"
curl -sS -o /dev/null -T "$W/photos/$(ls "$W/photos" | head -1)" "${CEILING}warmup.jpg"
ceiling0=$(cpu_of "$CEILING_PID")
curl -sS --no-progress-meter --fail-early -Z --parallel-max "$PARALLEL" -K "$W/ceiling.cfg" || { log "uploading into bench/ceiling failed"; exit 1; }
upload_cpu=$(awk -v a="$ceiling0" -v b="$(cpu_of "$CEILING_PID")" 'BEGIN{printf "%.2f", b-a}')
kill "$CEILING_PID"; wait "$CEILING_PID" 2>/dev/null; CEILING_PID=""; rm -rf "$W/ceiling"
kv bare_upload.cpu_s_per_photo "$(ratio "$upload_cpu" "$PHOTOS" %.3f)"

log "vipsthumbnail CLI ($(vipsthumbnail --vips-version 2>/dev/null | head -1))"
mkdir -p "$W/vt"
export VT_OUT="$W/vt"
TIMEFORMAT='%R %U %S'
{ time (printf '%s\0' "$W"/photos/*.jpg | xargs -0 -P "$CORES" -n 10 sh -c '
    vipsthumbnail --size "1024x1024>" -o "$VT_OUT/%s_1024.webp[Q=80,strip,effort=1]" "$@" &&
    vipsthumbnail --size "256x256>" --smartcrop attention -o "$VT_OUT/%s_256.webp[Q=80,strip,effort=1]" "$@" &&
    vipsthumbnail --size "64x64>" --smartcrop attention -o "$VT_OUT/%s_64.webp[Q=80,strip,effort=1]" "$@"' sh 2>"$W/vt.log"); } 2>"$W/vt.time"
made=$(find "$W/vt" -name '*.webp' | wc -l)
[[ $made -eq $((PHOTOS * 3)) ]] || { log "vipsthumbnail made $made of $((PHOTOS * 3)) thumbnails"; cat "$W/vt.log"; exit 1; }
read -r vt_wall vt_user vt_sys <"$W/vt.time"
kv vipsthumbnail.seconds "$vt_wall"
kv vipsthumbnail.cpu_s "$(awk -v u="$vt_user" -v s="$vt_sys" 'BEGIN{printf "%.2f", u+s}')"
kv vipsthumbnail.cpu_s_per_photo "$(awk -v u="$vt_user" -v s="$vt_sys" -v n="$PHOTOS" 'BEGIN{printf "%.3f", (u+s)/n}')"
kv vipsthumbnail.thumb_bytes_per_photo "$(du -cb "$W"/vt/*.webp | awk -v n="$PHOTOS" 'END{printf "%.0f", $1/n}')"
rm -rf "$W/vt"

log "ImageSharp 2.1.13"
"${THUMBS[@]}" imagesharp "$W/photos" >"$W/imagesharp.txt" || exit 1
while IFS='=' read -r k v; do kv "$k" "$v"; done <"$W/imagesharp.txt"

# The first upload and rendition in a fresh process compile code and load libvips; two other photos pay for that
# before the measured ones (bench/thumbs likewise renders one photo before its clock starts).
log "Strata: warming up with two other photos"
"${THUMBS[@]}" generate "$W/warmup" 2 6000 4000 900000 || exit 1
upload_dir "$W/warmup" /Shared/warmup
wait_thumbnails "$W/warmup" /Shared/warmup
rm -rf "$W/warmup"

log "Strata: uploading $PHOTOS photos ($PARALLEL at a time) and waiting for their thumbnails"
strata_tasks >"$W/tasks0"
sample_tasks "$W/tasks" & SAMPLER_PID=$!
cpu0=$(strata_cpu); started=$(date +%s.%N)
upload_dir "$W/photos" /Shared/photos
kv strata.upload_s "$(secs_since "$started")"
wait_thumbnails "$W/photos" /Shared/photos
kv strata.seconds "$(secs_since "$started")"
cpu=$(awk -v a="$cpu0" -v b="$(strata_cpu)" 'BEGIN{printf "%.2f", b-a}')
touch "$W/tasks.stop"; wait "$SAMPLER_PID"; SAMPLER_PID=""
kv strata.cpu_s "$cpu"
kv strata.cpu_s_per_photo "$(ratio "$cpu" "$PHOTOS" %.3f)"
thread_cpu "$W/tasks0" "$W/tasks" >"$W/threads"
kv strata.cpu_by_thread "\"$(head -5 "$W/threads" | awk -F'\t' '{printf "%s%s:%.1f", (NR>1?", ":""), $1, $2}')\""
# Rendering alone: the rendering threads (LowPriority's "Strata render", libvips' workers) and the rendition jobs'
# Hangfire workers ("Worker #n").
render=$(awk -F'\t' '$1=="Strata render" || $1=="libvips worker" || $1 ~ /^Worker #/ {s+=$2} END{printf "%.2f", s}' "$W/threads")
kv strata.render_cpu_s_per_photo "$(ratio "$render" "$PHOTOS" %.3f)"
netvips_cpu=$(awk -F= '$1=="netvips.cpu_s"{print $2}' "$W/netvips.txt")
kv ratio.strata_per_netvips_cpu "$(ratio "$cpu" "$netvips_cpu")"
kv ratio.strata_render_per_netvips_cpu "$(ratio "$render" "$netvips_cpu")"
kv ratio.strata_per_netvips_and_bare_upload_cpu "$(ratio "$cpu" "$(awk -v a="$netvips_cpu" -v b="$upload_cpu" 'BEGIN{print a+b}')")"
rm -rf "$W/photos"

# --- 2. BULK photos at once, a folder listing timed all along --------------------------------------------------------
log "generating $BULK photos of $BULK_SIZE ($BULK_BASES distinct pictures, each file made byte-unique by a JPEG comment)"
"${THUMBS[@]}" generate "$W/bases" "$BULK_BASES" "${BULK_SIZE%x*}" "${BULK_SIZE#*x}" 100000 || exit 1
mkdir -p "$W/bulk"; bases=("$W"/bases/*.jpg)
for ((i = 0; i < BULK; i++)); do
  # SOI, then a COM segment (length 16 = 2 + 14 bytes of text), then the base file after its own SOI.
  { printf '\xff\xd8\xff\xfe\x00\x10%-14s' "bulk-$i"; tail -c +3 "${bases[i % BULK_BASES]}"; } >"$W/bulk/bulk-$(printf %06d "$i").jpg"
done
rm -rf "$W/bases"
kv bulk.count "$BULK"
kv bulk.size "$BULK_SIZE"
kv bulk.mean_MB "$(du -cb "$W"/bulk/*.jpg | awk -v n="$BULK" 'END{printf "%.1f", $1/n/1e6}')"

RESULT_FILE="" populate_folder /Shared/listing 200 >/dev/null
list_url="$BASE/api/v1/fs/Shared/listing"
for _ in 1 2 3 4 5; do curl -fsS -o /dev/null -u "$AUTH" "$list_url"; done
log "idle listing, $IDLE_SAMPLES samples 200 ms apart"
for _ in $(seq "$IDLE_SAMPLES"); do curl -sS -o /dev/null -u "$AUTH" -w '%{time_total}\n' "$list_url"; sleep 0.2; done >"$W/idle.txt"
idle=$(p95 <"$W/idle.txt")
kv listing.idle_p95_ms "$idle"
kv listing.idle_median_ms "$(awk '{printf "%.1f\n", $1*1000}' "$W/idle.txt" | median)"

log "uploading $BULK photos at once and waiting for their thumbnails, listing every 200 ms"
(while [[ ! -e $W/stop ]]; do curl -sS -o /dev/null -u "$AUTH" -w '%{time_total}\n' "$list_url"; sleep 0.2; done >"$W/busy.txt") &
LISTER_PID=$!
cpu0=$(strata_cpu); started=$(date +%s.%N)
upload_dir "$W/bulk" /Shared/bulk
kv bulk.upload_s "$(secs_since "$started")"
wait_thumbnails "$W/bulk" /Shared/bulk
kv bulk.seconds "$(secs_since "$started")"
touch "$W/stop"; wait "$LISTER_PID"; LISTER_PID=""
cpu=$(awk -v a="$cpu0" -v b="$(strata_cpu)" 'BEGIN{printf "%.2f", b-a}')
kv bulk.strata_cpu_s_per_photo "$(ratio "$cpu" "$BULK" %.3f)"
busy=$(p95 <"$W/busy.txt")
kv listing.bulk_samples "$(wc -l <"$W/busy.txt")"
kv listing.bulk_p95_ms "$busy"
kv listing.bulk_median_ms "$(awk '{printf "%.1f\n", $1*1000}' "$W/busy.txt" | median)"
kv ratio.listing_p95_bulk_per_idle "$(ratio "$busy" "$idle")"
kv strata.peak_rss_MB "$(strata_peak_rss_mb)"
