/**
 * The rules Atelier asked Claude Code to save with "Always allow", kept so the user can review
 * and revoke them later. Claude Code writes the rules itself; the ledger remembers which rule
 * went to which settings file, shows whether the file still holds it, and on revoke takes it out
 * of that file's `permissions.allow` (the rest of the file, its mode, owner and symlink stay).
 * Only rules in the ledger can be revoked through it, so the API cannot edit arbitrary files.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { ApiError } from '@shared/contract/define'
import type { AlwaysPlan, SavedRule } from '@shared/permissions'
import { readSettingsObject, writeSettingsObject } from '../agents/claude/settings-file'

/** Entries kept; the oldest go first. */
export const MAX_SAVED_RULES = 1_000

const EntrySchema = z.object({
  rule: z.string(),
  meaning: z.string(),
  file: z.string(),
  sessionId: z.string(),
  createdAt: z.number(),
})
type Entry = z.infer<typeof EntrySchema>
const LedgerSchema = z.object({ rules: z.array(EntrySchema) })

export class RuleLedger {
  private entries: Entry[]

  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = this.load()
  }

  private load(): Entry[] {
    if (!existsSync(this.file)) return []
    try {
      return LedgerSchema.parse(JSON.parse(readFileSync(this.file, 'utf8'))).rules
    } catch {
      return [] // a damaged ledger loses the review list, never the settings themselves
    }
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 })
    const tmp = `${this.file}.tmp-${process.pid}`
    writeFileSync(tmp, JSON.stringify({ rules: this.entries }, null, 2), { mode: 0o600 })
    renameSync(tmp, this.file)
  }

  /** Remembers the rules of an "Always" answer that go to a settings file. */
  record(plan: AlwaysPlan, sessionId: string): void {
    if (!plan.available || plan.file === null) return
    const file = plan.file
    const fresh = plan.rules.filter(
      (r) => !this.entries.some((e) => e.rule === r.text && e.file === file),
    )
    if (fresh.length === 0) return
    const createdAt = this.now()
    this.entries.push(
      ...fresh.map((r) => ({ rule: r.text, meaning: r.meaning, file, sessionId, createdAt })),
    )
    if (this.entries.length > MAX_SAVED_RULES)
      this.entries = this.entries.slice(this.entries.length - MAX_SAVED_RULES)
    this.save()
  }

  list(): SavedRule[] {
    const allowed = new Map<string, Set<string>>()
    const allowedIn = (file: string) => {
      let set = allowed.get(file)
      if (!set) {
        set = new Set(allowList(readQuietly(file)))
        allowed.set(file, set)
      }
      return set
    }
    return this.entries.map((e) => ({ ...e, present: allowedIn(e.file).has(e.rule) }))
  }

  /** Takes the rule out of its settings file and out of the ledger. */
  revoke(rule: string, file: string): SavedRule[] {
    if (!this.entries.some((e) => e.rule === rule && e.file === file))
      throw new ApiError('not_found', `Atelier saved no rule ${rule} in ${file}`, 'rule')
    if (existsSync(file)) {
      let settings: Record<string, unknown>
      try {
        settings = readSettingsObject(file)
      } catch (err) {
        throw new ApiError('bad_request', err instanceof Error ? err.message : String(err), 'file')
      }
      const allow = allowList(settings)
      if (allow.includes(rule)) {
        const permissions = settings.permissions as Record<string, unknown>
        writeSettingsObject(file, {
          ...settings,
          permissions: { ...permissions, allow: allow.filter((r) => r !== rule) },
        })
      }
    }
    this.entries = this.entries.filter((e) => !(e.rule === rule && e.file === file))
    this.save()
    return this.list()
  }
}

function readQuietly(file: string): Record<string, unknown> {
  try {
    return readSettingsObject(file)
  } catch {
    return {}
  }
}

function allowList(settings: Record<string, unknown>): string[] {
  const permissions = settings.permissions
  if (!permissions || typeof permissions !== 'object') return []
  const allow = (permissions as Record<string, unknown>).allow
  return Array.isArray(allow) ? allow.filter((r): r is string => typeof r === 'string') : []
}
