#!/usr/bin/env bash
# video.sh - issue 22 item 10, the video figures, each through Strata's API from the moment the upload is
# acknowledged, beside the bare ffmpeg commands on the same file (what the machine allows):
#   1. the poster of a BIG_GB (default 2) GB MP4 whose index (moov) is at the end, until the 256 preview answers 200;
#   2. a CLIP_SECONDS (default 60) 1080p Matroska clip (browsers do not play the container) until its 720p MP4 copy
#      answers 200: the transcode queued on upload. Its speed is the clip's length over that time.
# Prints key=value lines.
source "$(dirname "$0")/lib.sh"
BIG_GB=${BIG_GB:-2}; CLIP_SECONDS=${CLIP_SECONDS:-60}
trap cleanup_lib EXIT; trap 'exit 130' INT TERM
command -v ffmpeg >/dev/null || { log "ffmpeg is missing: apt-get install -y ffmpeg"; exit 1; }

secs_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.2f", b-a}'; }
put() { curl -fsS --no-progress-meter -o /dev/null -u "$AUTH" -T "$1" "$BASE/api/v1/fs-content$2" || { log "uploading $1 failed"; exit 1; }; }
# Asks every 50 ms until the preview URL answers 200 (202 is pending); anything else ends the run.
wait_ok() {
  local code
  while true; do
    code=$(curl -sS -o /dev/null -w '%{http_code}' -u "$AUTH" "$BASE/api/v1/previews$1")
    [[ $code == 200 ]] && return 0
    [[ $code == 202 ]] || { log "$1 answered $code"; curl -sS -u "$AUTH" "$BASE/api/v1/previews$1" >&2; exit 1; }
    sleep 0.05
  done
}
# Evicts a file from the page cache, as a file written long ago would be (root only; otherwise it stays warm).
evict() { dd if="$1" iflag=nocache count=0 status=none 2>/dev/null; [[ -w /proc/sys/vm/drop_caches ]] && sync && echo 1 >/proc/sys/vm/drop_caches; return 0; }

log "making a ${BIG_GB} GB MP4 with its index at the end (10 s of 720p at 16 Mbit/s, repeated without re-encoding)"
ffmpeg -v error -f lavfi -i "testsrc2=size=1280x720:rate=30,noise=alls=20:allf=t" -f lavfi -i "sine=frequency=440" -t 10 \
  -c:v libx264 -preset ultrafast -b:v 16M -c:a aac -shortest -y "$W/segment.mp4" || exit 1
segment=$(stat -c %s "$W/segment.mp4")
loops=$(((BIG_GB * 1024 * 1024 * 1024 + segment - 1) / segment - 1))
ffmpeg -v error -stream_loop "$loops" -i "$W/segment.mp4" -c copy -y "$W/big.mp4" || exit 1
rm "$W/segment.mp4"
kv poster.source_MB "$(($(stat -c %s "$W/big.mp4") / 1024 / 1024))"
kv poster.source_seconds "$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$W/big.mp4" | cut -d. -f1)"

log "making a ${CLIP_SECONDS} s 1080p clip in Matroska"
ffmpeg -v error -f lavfi -i "testsrc2=size=1920x1080:rate=30,noise=alls=12:allf=t" -f lavfi -i "sine=frequency=440" -t "$CLIP_SECONDS" \
  -c:v libx264 -preset ultrafast -crf 20 -c:a aac -shortest -y "$W/clip.mkv" || exit 1
kv transcode.source_MB "$(($(stat -c %s "$W/clip.mkv") / 1024 / 1024))"

# --- bare ffmpeg, the commands Strata runs (src/Infrastructure/Previews/VideoRenderer.cs) ------------------------------
evict "$W/big.mp4"
started=$(date +%s.%N)
duration=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "file:$W/big.mp4")
ffmpeg -nostdin -v error -ss "$(awk -v d="$duration" 'BEGIN{printf "%.3f", d/10}')" -i "file:$W/big.mp4" -map 0:v:0 -frames:v 1 -an \
  -c:v png -f image2 -update 1 -y "$W/poster.png" || exit 1
kv poster.bare_ffprobe_ffmpeg_s "$(secs_since "$started")"

started=$(date +%s.%N)
ffmpeg -nostdin -v error -i "file:$W/clip.mkv" -map 0:v:0 -map '0:a:0?' -sn -dn -map_metadata -1 -vf "scale=-2:'min(720,ih)'" \
  -c:v libx264 -preset veryfast -crf 23 -pix_fmt yuv420p -c:a aac -b:a 128k -ac 2 -movflags +faststart -f mp4 -y "$W/bare.mp4" || exit 1
bare=$(secs_since "$started")
kv transcode.bare_s "$bare"
kv transcode.bare_x_realtime "$(awk -v t="$bare" -v d="$CLIP_SECONDS" 'BEGIN{printf "%.2f", t/d}')"
rm -f "$W/bare.mp4" "$W/poster.png"

# --- Strata ------------------------------------------------------------------------------------------------------
start_strata
mkdir_api /Shared/video
log "uploading the ${BIG_GB} GB MP4"
put "$W/big.mp4" /Shared/video/big.mp4
started=$(date +%s.%N)
wait_ok "/Shared/video/big.mp4?size=256"
kv poster.strata_s "$(secs_since "$started")"
rm "$W/big.mp4"

log "uploading the clip and waiting for its web-playable copy"
put "$W/clip.mkv" /Shared/video/clip.mkv
started=$(date +%s.%N)
wait_ok "/Shared/video/clip.mkv?kind=video"
took=$(secs_since "$started")
kv transcode.strata_s "$took"
kv transcode.strata_x_realtime "$(awk -v t="$took" -v d="$CLIP_SECONDS" 'BEGIN{printf "%.2f", t/d}')"
curl -fsS -u "$AUTH" -o "$W/web.mp4" "$BASE/api/v1/previews/Shared/video/clip.mkv?kind=video" || exit 1
kv transcode.copy "$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,width,height -of csv=p=0 "$W/web.mp4")"
kv transcode.copy_MB "$(($(stat -c %s "$W/web.mp4") / 1024 / 1024))"
