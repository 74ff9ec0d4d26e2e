/**
 * The services the API handlers talk to, every one always present: app.ts builds them all, and
 * each lives in its own domain folder.
 */
import type { ResponseOf } from '@shared/contract'
import type { Settings, SettingsPatch } from '@shared/settings'
import type { SessionRegistry } from './sessions/registry'
import type { SessionManager } from './sessions/manager'
import type { EventStore } from './store/event-store'
import type { SettingsStore } from './store/settings-store'
import type { WorldStore } from './store/world-store'
import type { Hub } from './events/hub'
import type { Ingest } from './events/ingest'
import type { VoiceService } from './voice/voice-service'
import type { GitService } from './git'
import type { PermissionBroker } from './permissions/broker'
import type { GlobalHooks } from './agents/claude/global-hooks'
import type { UsageService } from './usage/usage-service'
import type { FleetService } from './fleet/fleet-service'
import type { PromptQueue } from './prompts/prompt-queue'
import type { AttentionService } from './attention/attention-service'
import type { RuleLedger } from './permissions/rule-ledger'
import type { ReplayService } from './replay/replay-service'
import type { HostService } from './remote/host-service'

export interface AuthApi {
  /** A one-time page URL for the headless UI, or null when this core serves no page. */
  pageUrl(): string | null
  /** New app and observer tokens; returns a one-time page URL like pageUrl. */
  rotate(): string | null
}

export interface CoreServices {
  registry: SessionRegistry
  /** Stores events: hooks, and what the app itself witnessed (an interrupt it sent). */
  ingest: Ingest
  eventStore: EventStore
  hub: Hub
  settings: SettingsStore
  world: WorldStore
  manager: SessionManager
  git: GitService
  broker: PermissionBroker
  /** Rules saved by "Always allow", for review and revoking. */
  savedRules: RuleLedger
  hooks: GlobalHooks
  auth: AuthApi
  voice: VoiceService
  usage: UsageService
  fleet: FleetService
  prompts: PromptQueue
  attention: AttentionService
  /** The flight recorder: the stored history's span, stretches of it, the state at an instant. */
  replay: ReplayService
  /** Remote hosts reached over ssh: the list, their tests and trusted host keys. */
  hosts: HostService
  /** Opens a file or link with the desktop's opener (headless mode refuses: no desktop there). */
  openExternal: (target: string) => void
  /**
   * Asks the user where to save a file (the desktop's save dialog); null when they cancel.
   * Headless mode refuses: its page saves through the browser instead.
   */
  chooseSavePath: (suggestedName: string) => Promise<string | null>
  /** Folder suggestions here, or on a remote host. */
  autocomplete(query: string, hostId?: string): string[] | Promise<string[]>
  appInfo(): ResponseOf<'app.info'>
  updateSettings(patch: SettingsPatch): Settings
  publishWorld(): void
  setFocus(focus: { sessionId?: string | null; windowFocused?: boolean }): void
}
