/**
 * The host list, kept in <data>/hosts.json (0600, replaced atomically). A damaged file is set
 * aside as hosts.json.damaged rather than silently emptied, so the user's list can be recovered.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { HostSchema, MAX_HOSTS, type Host } from '@shared/hosts'

const FileSchema = z.object({ hosts: z.array(HostSchema).max(MAX_HOSTS) })

export class HostStore {
  private hosts: Host[]

  constructor(private readonly file: string) {
    this.hosts = this.load()
  }

  private load(): Host[] {
    if (!existsSync(this.file)) return []
    try {
      return FileSchema.parse(JSON.parse(readFileSync(this.file, 'utf8'))).hosts
    } catch {
      try {
        renameSync(this.file, `${this.file}.damaged`)
      } catch {
        // Left where it is: the next save replaces it, and the app still starts.
      }
      return []
    }
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 })
    const tmp = `${this.file}.tmp-${process.pid}`
    writeFileSync(tmp, JSON.stringify({ hosts: this.hosts }, null, 2), { mode: 0o600 })
    renameSync(tmp, this.file)
  }

  list(): Host[] {
    return [...this.hosts]
  }

  get(id: string): Host | undefined {
    return this.hosts.find((h) => h.id === id)
  }

  add(host: Host): void {
    this.hosts.push(HostSchema.parse(host))
    this.save()
  }

  /** Replaces the host's editable fields; answers the stored host, or undefined when unknown. */
  update(
    id: string,
    patch: Pick<Partial<Host>, 'label' | 'forwardCredentials' | 'observe'>,
  ): Host | undefined {
    const i = this.hosts.findIndex((h) => h.id === id)
    if (i < 0) return undefined
    const next = HostSchema.parse({ ...this.hosts[i], ...patch })
    this.hosts = this.hosts.map((h, j) => (j === i ? next : h))
    this.save()
    return next
  }

  remove(id: string): boolean {
    const before = this.hosts.length
    this.hosts = this.hosts.filter((h) => h.id !== id)
    if (this.hosts.length === before) return false
    this.save()
    return true
  }
}
