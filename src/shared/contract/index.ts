/**
 * The one contract between the core and every UI. Invoke channels are request → response
 * (`domain.verb`); streams are pushes from the core. Electron IPC, the headless WebSocket and
 * `POST /api/<channel>` all carry exactly this map, validated by these schemas.
 */
import { z } from 'zod'
import { appChannels } from './app'
import { authChannels } from './auth'
import { eventChannels } from './events'
import { gitChannels } from './git'
import { permissionChannels } from './permissions'
import { sessionChannels } from './sessions'
import { voiceChannels } from './voice'
import { fleetChannels } from './fleet'
import { attentionChannels } from './attention'
import { replayChannels } from './replay'
import { hostChannels } from './hosts'
import { HostEntrySchema } from '../hosts'
import { CanonicalEventSchema } from '../events'
import { GitStatusSchema } from '../git'
import { PendingRequestSchema } from '../permissions'
import { SessionSchema } from '../sessions'
import { SettingsSchema } from '../settings'
import { PaintedHexSchema, TextTileSchema } from '../world'
import { VoicePushSchema } from '../voice'
import { UsageSnapshotSchema } from '../usage'
import { FleetSnapshotSchema } from '../fleet'
import { AttentionItemSchema } from '../attention'

export * from './define'
export { SessionNameSchema, AbsolutePathSchema } from './sessions'
export { HookStatusSchema } from './app'

export const channels = {
  ...sessionChannels,
  ...eventChannels,
  ...permissionChannels,
  ...gitChannels,
  ...appChannels,
  ...voiceChannels,
  ...authChannels,
  ...fleetChannels,
  ...attentionChannels,
  ...replayChannels,
  ...hostChannels,
} as const

export type Channels = typeof channels
export type ChannelName = keyof Channels
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name)
}

export const NotifyKindSchema = z.enum(['permission', 'question', 'finished', 'failed'])

/** Push streams, core → UI. Events arrive in batches (at most one per animation frame). */
export const streams = {
  events: z.object({ events: z.array(CanonicalEventSchema) }),
  sessions: z.object({ sessions: z.array(SessionSchema) }),
  permissions: z.object({ requests: z.array(PendingRequestSchema) }),
  git: z.object({ sessionId: z.string(), status: GitStatusSchema }),
  terminal: z.object({ id: z.string(), data: z.string() }),
  tiles: z.object({ tiles: z.array(TextTileSchema) }),
  hexes: z.object({ hexes: z.array(PaintedHexSchema) }),
  settings: SettingsSchema,
  /** The client fell behind: drop local caches and refetch. */
  resync: z.object({ reason: z.string() }),
  /** Shell notices: the renderer recovered from a crash, or an update is ready to install. */
  notice: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('renderer-recovered'), message: z.string() }),
    z.object({
      kind: z.literal('update-ready'),
      message: z.string(),
      version: z.string(),
      releaseNotes: z.string().nullable(),
      releaseDate: z.string().nullable(),
      installChannel: z.literal('app.installUpdate'),
    }),
    /** The system-wide shortcut could not be registered (held elsewhere, or not a usable key). */
    z.object({ kind: z.literal('shortcut-unavailable'), message: z.string() }),
  ]),
  /** Bring this session into view (from a notification, the tray or a second launch). */
  focus: z.object({ sessionId: z.string().min(1) }),
  /** The system-wide shortcut was pressed: go to the next item of the attention queue. */
  jump: z.object({ to: z.literal('next-attention') }),
  /** A notification for UIs without a native tray (the browser's Notification API). */
  notify: z.object({
    kind: NotifyKindSchema,
    sessionId: z.string(),
    title: z.string(),
    body: z.string(),
    requestId: z.string().optional(),
    /** Show it without a sound (its cue is switched off). */
    silent: z.boolean().optional(),
    /** The body shows all that allowing the request would approve, so a button may allow it. */
    allowFromNotification: z.boolean().optional(),
  }),
  /** Dictation results, sent only to the client whose stream they belong to. */
  voice: VoicePushSchema,
  /** Usage per session and per day, rate-limit windows and their forecast. */
  usage: UsageSnapshotSchema,
  /** Session policies and holds, and the prompt queues. */
  fleet: FleetSnapshotSchema,
  /** The attention queue, in order. */
  attention: z.object({ items: z.array(AttentionItemSchema) }),
  /** The remote hosts, whenever one's link goes down or comes back (as hosts.list). */
  hosts: z.object({ hosts: z.array(HostEntrySchema) }),
} as const

export type Streams = typeof streams
export type StreamName = keyof Streams
export type StreamPayload<S extends StreamName> = z.output<Streams[S]>

/** What preload exposes and what the headless WebSocket client implements. */
export interface AtelierApi {
  invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>
  on<S extends StreamName>(stream: S, listener: (payload: StreamPayload<S>) => void): () => void
  /** Microphone audio for a stream opened with `voice.start` (16-bit PCM); fire and forget. */
  sendAudio(streamId: number, pcm: ArrayBuffer): void
}

/** IPC channel names used by the Electron transport. */
export const IPC_INVOKE = 'atelier:invoke'
export const IPC_PUSH = 'atelier:push'
/** Renderer → main audio frames (`ipcRenderer.send`, no reply): stream id, then PCM bytes. */
export const IPC_AUDIO = 'atelier:audio'

/** WebSocket frames of the headless transport. */
export const WsClientFrameSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('invoke'),
    id: z.number().int(),
    channel: z.string(),
    payload: z.unknown(),
  }),
  z.object({ t: z.literal('ping') }),
])
export type WsClientFrame = z.infer<typeof WsClientFrameSchema>
export type WsServerFrame =
  | { t: 'result'; id: number; ok: true; data: unknown }
  | { t: 'result'; id: number; ok: false; error: z.infer<typeof import('./define').ApiErrorSchema> }
  | { t: 'push'; stream: StreamName; data: unknown }
  | { t: 'pong' }
