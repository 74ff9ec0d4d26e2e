/**
 * Reads an electron-builder update feed (`latest-linux.yml`, `latest-mac.yml`, and the
 * `beta-*.yml` files a prerelease build publishes) from a base URL over http(s). Every failure a
 * real feed can produce (404, HTML error page, garbage YAML, missing fields, a server that never
 * answers) becomes `{ kind: 'error' }`; nothing here throws.
 */
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import type { UpdateChannel, UpdateSource } from './types'
import { pickUpdate } from './version-policy'

export const FEED_REQUEST_TIMEOUT_MS = 15_000
/** Real feed files are a few hundred bytes; anything far larger is not a feed. */
export const FEED_MAX_BYTES = 256 * 1024

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** electron-builder writes release notes either as one string or as per-version notes. */
const ReleaseNotesSchema = z.union([
  z.string(),
  z.array(z.object({ version: z.string(), note: z.string().nullable().optional() })),
])

export const FeedFileSchema = z.object({
  version: z.string().min(1),
  releaseDate: z.string().optional(),
  releaseNotes: ReleaseNotesSchema.nullable().optional(),
  files: z.array(z.object({ url: z.string().min(1), sha512: z.string().min(1) })).min(1),
})
export type FeedFile = z.infer<typeof FeedFileSchema>

export type FeedPlatform = 'linux' | 'darwin'

/** File names electron-builder publishes, e.g. latest-linux.yml, latest-linux-arm64.yml, beta-mac.yml. */
export function feedFileName(
  prefix: 'latest' | 'beta',
  platform: FeedPlatform,
  arch: string,
): string {
  if (platform === 'darwin') return `${prefix}-mac.yml` // one file lists both x64 and arm64 zips
  return arch === 'x64' ? `${prefix}-linux.yml` : `${prefix}-linux-${arch}.yml`
}

export function feedFileNames(
  channel: UpdateChannel,
  platform: FeedPlatform,
  arch: string,
): string[] {
  const stable = feedFileName('latest', platform, arch)
  return channel === 'beta' ? [feedFileName('beta', platform, arch), stable] : [stable]
}

function releaseNotesText(notes: FeedFile['releaseNotes']): string | null {
  if (notes == null) return null
  if (typeof notes === 'string') return notes
  const lines = notes.filter((n) => n.note).map((n) => `${n.version}\n${n.note}`)
  return lines.length > 0 ? lines.join('\n\n') : null
}

/** Refuses anything but https, except plain http to this machine (tests, local mirrors). */
export function validateFeedBaseUrl(base: string): URL {
  const url = new URL(base)
  const loopback = LOOPBACK_HOSTS.has(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`update feed must be https (or http on loopback): ${base}`)
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  return url
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      throw new Error(`response larger than ${maxBytes} bytes`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

type FetchOutcome = { ok: true; feed: FeedFile } | { ok: false; missing: boolean; message: string }

async function fetchFeedFile(url: URL, timeoutMs: number, maxBytes: number): Promise<FetchOutcome> {
  let text: string
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/x-yaml, text/yaml, text/plain, */*' },
      redirect: 'follow', // GitHub's releases/latest/download/… answers with a redirect
    })
    if (!response.ok) {
      await response.body?.cancel()
      return {
        ok: false,
        missing: response.status === 404,
        message: `${url.href}: HTTP ${response.status}`,
      }
    }
    text = await readCapped(response, maxBytes)
  } catch (error) {
    const name = error instanceof Error ? error.name : ''
    const reason =
      name === 'TimeoutError' || name === 'AbortError'
        ? `no answer within ${timeoutMs} ms`
        : error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error)
    return { ok: false, missing: false, message: `${url.href}: ${reason}` }
  }
  let raw: unknown
  try {
    raw = parseYaml(text)
  } catch (error) {
    return {
      ok: false,
      missing: false,
      message: `${url.href}: not valid YAML (${(error as Error).message.split('\n')[0]})`,
    }
  }
  const parsed = FeedFileSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? issue.path.join('.') : 'file'
    return {
      ok: false,
      missing: false,
      message: `${url.href}: not an update feed (${where}: ${issue?.message ?? 'invalid'})`,
    }
  }
  return { ok: true, feed: parsed.data }
}

export interface FeedSourceOptions {
  /** Folder URL holding the feed files, e.g. https://updates.example.com/atelier/ */
  feedUrl: string
  currentVersion: string
  platform: FeedPlatform
  arch: string
  timeoutMs?: number
  maxBytes?: number
}

export function createFeedUpdateSource(opts: FeedSourceOptions): UpdateSource {
  const timeoutMs = opts.timeoutMs ?? FEED_REQUEST_TIMEOUT_MS
  const maxBytes = opts.maxBytes ?? FEED_MAX_BYTES
  return {
    async check(channel) {
      let base: URL
      try {
        base = validateFeedBaseUrl(opts.feedUrl)
      } catch (error) {
        return { kind: 'error', message: (error as Error).message }
      }
      const names = feedFileNames(channel, opts.platform, opts.arch)
      const outcomes = await Promise.all(
        names.map((name) => fetchFeedFile(new URL(name, base), timeoutMs, maxBytes)),
      )
      const feeds = outcomes.flatMap((o) => (o.ok ? [o.feed] : []))
      // On beta, a missing beta-*.yml is normal (no prerelease published yet); other failures count.
      const failures = outcomes.flatMap((o, i) =>
        !o.ok && !(o.missing && channel === 'beta' && i === 0 && outcomes.length > 1)
          ? [o.message]
          : [],
      )
      if (feeds.length === 0)
        return { kind: 'error', message: failures.join('; ') || 'no update feed found' }
      const chosen = pickUpdate(
        opts.currentVersion,
        feeds.map((f) => f.version),
        channel,
      )
      if (chosen === null) {
        // Nothing newer among the feeds we could read; a broken stable feed is still worth reporting.
        return failures.length > 0
          ? { kind: 'error', message: failures.join('; ') }
          : { kind: 'none' }
      }
      const feed = feeds.find((f) => f.version === chosen) as FeedFile
      return {
        kind: 'available',
        version: chosen,
        releaseNotes: releaseNotesText(feed.releaseNotes),
        releaseDate: feed.releaseDate ?? null,
      }
    },
  }
}
