/**
 * How a remote session's reporting hooks get home without ever holding Claude up on a dead link
 * (docs/remote-hosts.md, "A flaky network"). Every hook the app only reads (SessionStart, tool
 * starts and ends, stops, notifications…) runs REPORT_HOOK_SCRIPT on the host, a POSIX sh script
 * that posts the hook's input with curl through the reverse forward and, when that fails within
 * its short bound, appends the event to the session's spool file on the host instead. Either way
 * it exits 0 with no output, so Claude goes on as if the hook had said nothing.
 *
 * The app reads the spool over the shared connection once the host answers again and ingests each
 * event with the id the script gave it (host-link.ts), so an event the app did receive before the
 * post timed out is stored once.
 */

import { KEEPALIVE_HEADER } from '../agents/hook-routes'

/** The spool's bounds: past either, the oldest events are dropped (and counted). */
export const SPOOL_MAX_LINES = 10_000
/** Below the 8 MiB a remote call may answer, so one claimed spool is always read whole. */
export const SPOOL_MAX_BYTES = 6 * 1024 * 1024
/** curl's bounds in seconds: a live post takes milliseconds; a dead link costs Claude this much. */
export const REPORT_CONNECT_TIMEOUT_S = 2
export const REPORT_MAX_TIME_S = 3
/** What Claude waits at most for the script (curl's bound, plus the spool's append, with room). */
export const REPORT_HOOK_TIMEOUT_S = 10
/**
 * A held hook (a permission request, a question) posted by the script asks the app for
 * KEEPALIVE_HEADER: the answer's head comes at once and a few spaces every few seconds until the
 * decision (http/server.ts). When no byte came for HELD_SPEED_TIME_S — the link died while the
 * app held the request — curl gives up and the script exits with no output, so Claude asks in its
 * own terminal instead of waiting out the whole permission timeout on a dead link.
 */
export const HELD_SPEED_TIME_S = 15
/** How long a writer waits for the spool's lock (seconds, one try per second) before breaking it. */
const LOCK_TRIES = 3

/** A spool file's name on the host: `<session id>.jsonl`. */
export const SPOOL_NAME_RE = /^([A-Za-z0-9_-]{1,64})\.jsonl$/

/**
 * Run as `/bin/sh <script> <url> <trust file> <spool file> <hook name>` with the session's
 * ATELIER_SESSION_ID and ATELIER_SESSION_TOKEN in the environment. The token reaches curl in its
 * config on descriptor 3 (a here-document), never as an argument. The body is kept in a private
 * file beside the spool, newlines turned into spaces (outside JSON strings they are only
 * whitespace; inside they cannot occur), so one event is one line.
 *
 * While the spool still holds events, a new one is appended behind them rather than posted, so
 * the app receives them in the order Claude fired them. The app's claim of the spool (rename under
 * the same lock) and the writers' appends never interleave.
 */
export const REPORT_HOOK_SCRIPT = `# Atelier: one hook of a remote session; fails open and spools (docs/remote-hosts.md).
umask 077
exec 2>/dev/null
url=$1 ca=$2 s=$3 hook=$4 mode=\${5:-report} held=\${6:-0}
id=$(cat /proc/sys/kernel/random/uuid 2>/dev/null)
[ -n "$id" ] || id="ev-$$-$(date +%s)-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \\n')"
d=$(dirname -- "$s")
mkdir -p -- "$d" || exit 0
b="$s.in.$id"
tr '\\r\\n' '  ' > "$b" || { rm -f -- "$b"; exit 0; }
post() {
  curl -s -w '%{http_code}' --connect-timeout ${REPORT_CONNECT_TIMEOUT_S} --cacert "$ca" \\
    -H 'content-type: application/json' --data-binary @"$b" -K /dev/fd/3 "$@" -- "$url" 3<<EOF
header = "authorization: Bearer $ATELIER_SESSION_TOKEN"
header = "x-atelier-session: $ATELIER_SESSION_ID"
header = "x-atelier-event-id: $id"
EOF
}
if [ "$mode" = decide ]; then
  if command -v curl >/dev/null 2>&1; then
    o="$s.out.$id"
    code=$(post -o "$o" --max-time "$held" --speed-limit 1 --speed-time ${HELD_SPEED_TIME_S} -H '${KEEPALIVE_HEADER}: 1')
    rc=$?
    if [ "$rc" -eq 0 ]; then
      case $code in 2??) grep -q '[^[:space:]]' "$o" && cat -- "$o" ;; esac
      rm -f -- "$b" "$o"
      exit 0
    fi
    rm -f -- "$o"
    case $code in 2??|000|429|5??) ;; *) rm -f -- "$b"; exit 0 ;; esac
  fi
elif [ ! -s "$s" ] && [ ! -e "$s.replay" ] && command -v curl >/dev/null 2>&1; then
  code=$(post -o /dev/null --max-time ${REPORT_MAX_TIME_S} -H 'prefer: respond-async')
  case $code in
    2??) rm -f -- "$b"; exit 0 ;;
    000|429|5??) ;;
    *) rm -f -- "$b"; exit 0 ;;
  esac
fi
l="$s.line.$id"
{ printf '{"id":"%s","hook":"%s","session":"%s","at":%s,"payload":' "$id" "$hook" "$ATELIER_SESSION_ID" "$(date +%s)"; cat -- "$b"; printf '}\\n'; } > "$l" || { rm -f -- "$b" "$l"; exit 0; }
rm -f -- "$b"
size=$(($(wc -c < "$l")))
tries=0
until mkdir -- "$s.lock" 2>/dev/null; do
  tries=$((tries + 1))
  [ "$tries" -ge ${LOCK_TRIES} ] && { rm -rf -- "$s.lock"; tries=0; continue; }
  sleep 1
done
drop() {
  [ "$1" -gt 0 ] || return 0
  tail -n "+$(($1 + 1))" -- "$s" > "$s.trim" && mv -f -- "$s.trim" "$s"
  n=$(cat -- "$s.dropped" 2>/dev/null); echo $((\${n:-0} + $1)) > "$s.dropped"
}
if [ "$size" -gt ${SPOOL_MAX_BYTES} ]; then
  n=$(cat -- "$s.dropped" 2>/dev/null); echo $((\${n:-0} + 1)) > "$s.dropped"
else
  lines=0; bytes=0
  [ -f "$s" ] && { lines=$(($(wc -l < "$s"))); bytes=$(($(wc -c < "$s"))); }
  [ "$lines" -ge ${SPOOL_MAX_LINES} ] && drop $((lines - ${SPOOL_MAX_LINES} + 1)) && lines=${SPOOL_MAX_LINES - 1}
  while [ $((bytes + size)) -gt ${SPOOL_MAX_BYTES} ] && [ "$lines" -gt 0 ]; do
    cut=$(((lines + 9) / 10))
    drop "$cut"; lines=$((lines - cut)); bytes=$(($(wc -c < "$s")))
  done
  cat -- "$l" >> "$s"
fi
rm -f -- "$l"
rmdir -- "$s.lock"
exit 0
`

/**
 * The host-side script that claims a session's spool for replay: under the writers' lock, the
 * spool becomes `<spool>.replay` (unless an earlier replay of it was cut short, which is read
 * again first), and the dropped count is taken. Prints the dropped count on its first line, then
 * the claimed events. `$1` is the spool file.
 */
export const CLAIM_SPOOL_SCRIPT = [
  's=$1',
  'tries=0',
  `until mkdir -- "$s.lock" 2>/dev/null; do tries=$((tries + 1)); [ "$tries" -ge ${LOCK_TRIES} ] && { rm -rf -- "$s.lock"; tries=0; continue; }; sleep 1; done`,
  '[ -e "$s.replay" ] || { [ -e "$s" ] && mv -f -- "$s" "$s.replay"; }',
  'n=$(cat -- "$s.dropped" 2>/dev/null); rm -f -- "$s.dropped"',
  'rmdir -- "$s.lock"',
  'echo "${n:-0}"',
  '[ -e "$s.replay" ] && cat -- "$s.replay"',
  'exit 0',
].join('\n')

/** One spooled event: the id the script gave it, its session, its hook, its input. */
export interface SpooledEvent {
  id: string
  session: string
  hook: string
  /** Seconds since the epoch, on the host's clock, when it was spooled. */
  at: number
  payload: unknown
}

const EVENT_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * The claimed spool as CLAIM_SPOOL_SCRIPT prints it: the dropped count, the events in order, and
 * how many lines could not be read (a writer killed mid-line leaves one such line at most).
 */
export function parseClaimedSpool(text: string): {
  dropped: number
  events: SpooledEvent[]
  unreadable: number
} {
  const lines = text.split('\n')
  const dropped = Number.parseInt(lines.shift() ?? '', 10)
  const events: SpooledEvent[] = []
  let unreadable = 0
  for (const line of lines) {
    if (line.trim() === '') continue
    let parsed: unknown
    try {
      parsed = JSON.parse(line)
    } catch {
      unreadable++
      continue
    }
    const e = parsed as Partial<SpooledEvent> | null
    if (
      !e ||
      typeof e !== 'object' ||
      typeof e.id !== 'string' ||
      !EVENT_ID_RE.test(e.id) ||
      typeof e.session !== 'string' ||
      typeof e.hook !== 'string' ||
      typeof e.payload !== 'object' ||
      e.payload === null
    ) {
      unreadable++
      continue
    }
    events.push({
      id: e.id,
      session: e.session,
      hook: e.hook,
      at: typeof e.at === 'number' ? e.at : 0,
      payload: e.payload,
    })
  }
  return { dropped: Number.isFinite(dropped) ? dropped : 0, events, unreadable }
}
