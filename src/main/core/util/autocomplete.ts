/** Folder suggestions for the new-session dialog: subfolders of what the user typed. */
import { readdirSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'

export const MAX_SUGGESTIONS = 15

export function expandHome(p: string): string {
  return p === '~' ? homedir() : p.startsWith('~/') ? join(homedir(), p.slice(2)) : p
}

export function folderSuggestions(query: string, known: string[] = []): string[] {
  const q = expandHome(query.trim())
  const results: string[] = []
  if (q.startsWith('/')) {
    const browsing = q.endsWith('/')
    const dir = browsing ? q : dirname(q)
    const prefix = browsing ? '' : basename(q).toLowerCase()
    const showHidden = prefix.startsWith('.')
    try {
      for (const entry of readdirSync(resolve(dir), { withFileTypes: true })) {
        if (results.length >= MAX_SUGGESTIONS) break
        if (!entry.isDirectory() && !entry.isSymbolicLink()) continue
        if (entry.name.startsWith('.') && !showHidden) continue
        if (!entry.name.toLowerCase().startsWith(prefix)) continue
        const full = join(resolve(dir), entry.name)
        try {
          if (statSync(full).isDirectory()) results.push(full)
        } catch {
          /* a dangling link is not a folder */
        }
      }
    } catch {
      /* an unreadable or missing folder has no suggestions */
    }
  }
  const needle = query.toLowerCase()
  for (const k of known) {
    if (results.length >= MAX_SUGGESTIONS) break
    if (!results.includes(k) && k.toLowerCase().includes(needle)) results.push(k)
  }
  return results.sort()
}
