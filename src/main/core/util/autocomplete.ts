/**
 * Folder suggestions for the new-session dialog: subfolders of what the user typed, then known
 * project folders. The same rules on this machine and on a remote host; only how a folder's
 * entries are listed differs (the disk here, one ssh call there).
 */
import { readdirSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { posix } from 'node:path'

export const MAX_SUGGESTIONS = 15

/**
 * `~` and `~/…` against a home folder (this machine's by default). A trailing slash is kept:
 * `~/` browses the home folder itself.
 */
export function expandHome(p: string, home: string = homedir()): string {
  if (p === '~') return home
  return p.startsWith('~/') ? `${home.replace(/\/+$/, '')}/${p.slice(2)}` : p
}

/** A folder entry; `isFolder` is asked only of names that pass the cheaper filters. */
export interface FolderEntry {
  name: string
  isFolder(): boolean
}

/** What a query asks for: the folder listed and the start of the name typed in it. */
export interface FolderQuery {
  dir: string
  prefix: string
  showHidden: boolean
}

/** The folder to list for a query, or null when it names none (not an absolute path). */
export function folderQuery(query: string, home?: string): FolderQuery | null {
  const q = expandHome(query.trim(), home)
  if (!q.startsWith('/')) return null
  const browsing = q.endsWith('/')
  const prefix = browsing ? '' : posix.basename(q).toLowerCase()
  return {
    dir: posix.resolve(browsing ? q : posix.dirname(q)),
    prefix,
    showHidden: prefix.startsWith('.'),
  }
}

/** The suggestions from a listed folder's entries and the known folders, sorted. */
export function pickSuggestions(
  query: string,
  listed: { q: FolderQuery; entries: Iterable<FolderEntry> } | null,
  known: string[],
): string[] {
  const results: string[] = []
  if (listed) {
    const { q, entries } = listed
    for (const entry of entries) {
      if (results.length >= MAX_SUGGESTIONS) break
      if (entry.name.startsWith('.') && !q.showHidden) continue
      if (!entry.name.toLowerCase().startsWith(q.prefix)) continue
      if (entry.isFolder()) results.push(posix.join(q.dir, entry.name))
    }
  }
  const needle = query.toLowerCase()
  for (const k of known) {
    if (results.length >= MAX_SUGGESTIONS) break
    if (!results.includes(k) && k.toLowerCase().includes(needle)) results.push(k)
  }
  return results.sort()
}

/** This machine's folders. */
export function folderSuggestions(query: string, known: string[] = []): string[] {
  const q = folderQuery(query)
  let entries: FolderEntry[] = []
  if (q) {
    try {
      entries = readdirSync(q.dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() || e.isSymbolicLink())
        .map((e) => ({
          name: e.name,
          isFolder: () => {
            try {
              return statSync(posix.join(q.dir, e.name)).isDirectory()
            } catch {
              return false // a dangling link is not a folder
            }
          },
        }))
    } catch {
      // an unreadable or missing folder has no suggestions
    }
  }
  return pickSuggestions(query, q ? { q, entries } : null, known)
}
