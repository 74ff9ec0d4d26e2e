/**
 * The marker a long string carries once it has been cut short for storage (a Write of a 20 MiB
 * file keeps only its start). It records the full size, so the feed can say how much is missing.
 * Written by the core (core/util/trim.ts), read by the renderer (ui/feed/tool-info.ts).
 */

/** Appended to the kept start of a string; `fullBytes` is the whole string's UTF-8 size. */
export function truncationMarker(fullBytes: number): string {
  return `…[truncated; ${fullBytes} bytes in full]`
}

const MARKER_RE = /…\[truncated; (\d+) bytes in full\]$/

/** The kept part and the full size of a string cut short for storage; undefined if it was not. */
export function readTruncation(text: string): { kept: string; fullBytes: number } | undefined {
  const m = MARKER_RE.exec(text)
  if (!m) return undefined
  return { kept: text.slice(0, m.index), fullBytes: Number(m[1]) }
}

const UNITS = ['KiB', 'MiB', 'GiB'] as const

/** 20971520 → "20.0 MiB"; below 1 KiB, "512 B". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`
}
