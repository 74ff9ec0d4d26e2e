/**
 * The services the API handlers talk to. Optional ones are wired by app.ts when their module is
 * present; each lives in its own domain folder.
 */
import type { ParsedRequestOf, ResponseOf } from '@shared/contract'
import type { GitStatus } from '@shared/git'
import type { Decision, PendingRequest } from '@shared/permissions'
import type { Session } from '@shared/sessions'
import type { Settings, SettingsPatch } from '@shared/settings'
import type { SessionRegistry } from './sessions/registry'
import type { EventStore } from './store/event-store'
import type { SettingsStore, WorldStore } from './store/kv-store'
import type { Hub } from './events/hub'
import type { VoiceService } from './voice/voice-service'

export interface SessionManagerApi {
  create(req: ParsedRequestOf<'sessions.create'>): Promise<Session>
  prompt(id: string, text: string): Promise<void>
  interrupt(id: string): Promise<void>
  restart(id: string): Promise<Session>
  delete(id: string, removeWorktree: boolean): Promise<void>
  write(id: string, data: string): void
  resize(id: string, cols: number, rows: number): void
  snapshot(id: string): string
  /** Live pty/tmux processes right now (quit confirmation, health). */
  running(): { id: string; backend: 'pty' | 'tmux' }[]
  close(): Promise<void>
}

export interface GitApi {
  track(sessionId: string, cwd: string): void
  untrack(sessionId: string): void
  get(sessionId: string): GitStatus | undefined
  refresh(sessionId: string): Promise<GitStatus>
  diff(
    sessionId: string,
    path: string,
    staged?: boolean,
  ): Promise<{ diff: string; truncated: boolean }>
  onStatus(listener: (sessionId: string, status: GitStatus) => void): () => void
  close(): Promise<void>
}

export interface BrokerApi {
  list(): PendingRequest[]
  decide(
    id: string,
    decision: Decision,
    message?: string,
    answers?: Record<string, string | string[]>,
  ): void
  interruptSession(sessionId: string): boolean
}

export interface HooksApi {
  status(): ResponseOf<'hooks.status'> | Promise<ResponseOf<'hooks.status'>>
  install(): ResponseOf<'hooks.install'> | Promise<ResponseOf<'hooks.install'>>
  uninstall(): ResponseOf<'hooks.uninstall'> | Promise<ResponseOf<'hooks.uninstall'>>
}

export interface CoreServices {
  registry: SessionRegistry
  eventStore: EventStore
  hub: Hub
  settings: SettingsStore
  world: WorldStore
  manager?: SessionManagerApi
  git?: GitApi
  broker?: BrokerApi
  hooks?: HooksApi
  voice: VoiceService
  openExternal?: (target: string) => void
  autocomplete(query: string): string[]
  appInfo(): ResponseOf<'app.info'>
  updateSettings(patch: SettingsPatch): Settings
  publishWorld(): void
  setFocus(focus: { sessionId?: string | null; windowFocused?: boolean }): void
}
