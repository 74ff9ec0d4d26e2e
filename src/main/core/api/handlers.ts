/**
 * Handlers for every invoke channel, grouped by domain. Each is a thin adapter from a validated
 * request to the service that owns the behaviour.
 */
import { ApiError } from '@shared/contract/define'
import { isTurnState } from '@shared/lifecycle'
import { isStopTurnKey } from '../agents/claude/turn-keys'
import type { Handlers } from './dispatcher'
import type { CoreServices } from '../services'
import { RepoPathError } from '../git'
import { writeExportFile } from '../replay/export/export-file'

function requireSession(s: CoreServices, id: string) {
  const session = s.registry.get(id)
  if (!session) throw new ApiError('not_found', `no session with id "${id}"`, 'id')
  return session
}

export function createHandlers(s: CoreServices): Handlers {
  return {
    // sessions
    'sessions.list': () => ({ sessions: s.registry.list() }),
    'sessions.create': (req) => s.manager.create(req),
    'sessions.prompt': async (req) => {
      requireSession(s, req.id)
      const { queued } = await s.prompts.submit(req.id, req.text)
      return { ok: true as const, queued }
    },
    'sessions.interrupt': async (req) => {
      requireSession(s, req.id)
      // A held permission prompt is interrupted through its hook (its stored decision, a deny
      // with interrupt, ends the turn); otherwise Esc in the terminal.
      if (s.broker.interruptSession(req.id)) return { ok: true as const }
      s.manager.interrupt(req.id)
      // Claude Code sends no hook for an interrupt: the app records the one it sent, so the
      // turn ends everywhere (status, open calls, robot, counts) and the feed says so.
      if (isTurnState(s.registry.get(req.id)?.status ?? 'offline'))
        await s.ingest.interrupted(req.id, 'app')
      return { ok: true as const }
    },
    'sessions.restart': (req) => {
      requireSession(s, req.id)
      return s.manager.restart(req.id)
    },
    'sessions.delete': async (req) => {
      requireSession(s, req.id)
      await s.manager.delete(req.id, req.removeWorktree ?? false)
      s.git.untrack(req.id)
      s.prompts.forget(req.id)
      s.fleet.forget(req.id)
      s.usage.forget(req.id)
      s.attention.forget(req.id)
      return { ok: true as const }
    },
    'sessions.rename': (req) => {
      requireSession(s, req.id)
      s.registry.update(req.id, { name: req.name })
      return s.registry.get(req.id)!
    },
    'sessions.update': (req) => {
      requireSession(s, req.id)
      if (req.zone) s.registry.assertZoneFree(req.zone, req.id)
      s.registry.update(req.id, {
        ...(req.zone ? { zone: req.zone } : {}),
        ...(req.order !== undefined ? { order: req.order } : {}),
      })
      return s.registry.get(req.id)!
    },
    'sessions.reorder': (req) => {
      req.ids.forEach((id, i) => {
        if (s.registry.has(id)) s.registry.update(id, { order: i + 1 })
      })
      return { ok: true as const }
    },
    'terminal.input': async (req) => {
      requireSession(s, req.id)
      const inTurn = isTurnState(s.registry.get(req.id)?.status ?? 'offline')
      s.manager.write(req.id, req.data)
      // Esc typed into a running turn stops it, and Claude Code sends no hook to say so: the app
      // saw the key go in and records the interrupt, as it does for its own Stop.
      if (inTurn && isStopTurnKey(req.data)) await s.ingest.interrupted(req.id, 'terminal')
      return { ok: true as const }
    },
    'terminal.resize': (req) => {
      requireSession(s, req.id)
      s.manager.resize(req.id, req.cols, req.rows)
      return { ok: true as const }
    },
    'terminal.snapshot': (req) => {
      requireSession(s, req.id)
      return { data: s.manager.snapshot(req.id) }
    },
    'projects.autocomplete': async (req) => ({
      results: await s.autocomplete(req.query, req.host),
    }),
    'projects.trust': (req) => s.manager.folderTrust(req.cwd),

    // events
    'events.list': (req) => {
      return s.eventStore.list(req)
    },
    'events.search': async (req) => {
      return { results: await s.eventStore.search(req.query, req.limit ?? 50, req.sessionId) }
    },
    'events.subscribe': (req, ctx) => {
      s.hub.subscribe(ctx.clientId, req.sessions)
      return { ok: true as const, lastSeq: s.eventStore.lastSeq }
    },

    // replay
    'replay.span': () => s.replay.span(),
    'replay.timeline': (req) => s.replay.timeline(req),
    'replay.events': (req) => s.replay.range(req),
    'replay.stateAt': (req) => s.replay.stateAt(req.at),
    'replay.export': (req) => s.replay.export(req),
    'replay.import': (req) => s.replay.import(req),
    'replay.saveExport': async (req) => {
      const { html, ...summary } = await s.replay.export(req)
      const path = await s.chooseSavePath(summary.fileName)
      if (path !== null) await writeExportFile(path, html)
      return { ...summary, path }
    },

    // remote hosts
    'hosts.list': () => ({ hosts: s.hosts.list() }),
    'hosts.add': (req) => s.hosts.add(req),
    'hosts.confirmKey': (req) => s.hosts.confirmKey(req.id, req.fingerprint),
    'hosts.test': (req) => s.hosts.test(req.id),
    'hosts.update': (req) => s.hosts.update(req),
    'hosts.remove': async (req) => {
      await s.hosts.remove(req.id)
      return { ok: true as const }
    },

    // permissions
    'permissions.list': () => ({ requests: s.broker.list() }),
    'permissions.decide': (req) => {
      s.broker.decide(req.id, req.decision, req.message, req.answers)
      return { ok: true as const }
    },
    'permissions.rules': () => ({ rules: s.savedRules.list() }),
    'permissions.revokeRule': (req) => ({ rules: s.savedRules.revoke(req.rule, req.file) }),

    // git
    'git.status': async (req) => {
      const session = requireSession(s, req.sessionId)
      // Idempotent; a session restored from the database is watched from its first question.
      s.git.track(session.id, session.cwd, session.hostId)
      return s.git.get(session.id) ?? (await s.git.refresh(session.id))
    },
    'git.diff': async (req) => {
      const session = requireSession(s, req.sessionId)
      s.git.track(session.id, session.cwd, session.hostId)
      try {
        return await s.git.diff(session.id, req.path, req.staged)
      } catch (err) {
        if (err instanceof RepoPathError) throw new ApiError('bad_request', err.message, 'path')
        throw err
      }
    },

    // fleet: usage, quota, policies, prompt queues
    'usage.snapshot': () => s.usage.snapshot(),
    'usage.turns': (req) => {
      requireSession(s, req.sessionId)
      return { turns: s.usage.ledger.turns(req.sessionId, req.limit ?? 50) }
    },
    'fleet.snapshot': () => ({
      sessions: s.registry.list().map((x) => s.fleet.state(x.id)),
      queues: s.prompts.all(),
    }),
    'fleet.setPolicy': (req) => {
      requireSession(s, req.sessionId)
      const { sessionId, ...patch } = req
      s.fleet.setPolicy(sessionId, patch)
      return s.fleet.state(sessionId)
    },
    'prompts.edit': (req) => s.prompts.edit(req.id, req.text),
    'prompts.move': (req) => {
      s.prompts.move(req.id, req.index)
      return { ok: true as const }
    },
    'prompts.remove': (req) => {
      s.prompts.remove(req.id)
      return { ok: true as const }
    },

    // attention queue
    'attention.list': () => ({ items: s.attention.items() }),
    'attention.seen': (req) => {
      requireSession(s, req.sessionId)
      s.attention.seen(req.sessionId)
      return { ok: true as const }
    },

    // app, settings, world
    'app.info': () => s.appInfo(),
    // voice (dictation): the key stays in the core; status says only whether one is set
    'voice.status': () => s.voice.status(),
    'voice.setKey': (req) => s.voice.setKey(req.provider, req.key),
    'voice.clearKey': (req) => s.voice.clearKey(req.provider),
    'voice.start': (req, ctx) => s.voice.start(ctx.clientId, req),
    'voice.stop': (req, ctx) => s.voice.stop(ctx.clientId, req.streamId),
    'voice.cancel': (req, ctx) => {
      s.voice.cancel(ctx.clientId, req.streamId)
      return { ok: true as const }
    },
    'settings.get': () => s.settings.get(),
    'settings.update': (req) => s.updateSettings(req),
    'hooks.status': () => s.hooks.status(),
    'hooks.install': () => s.hooks.install(),
    'hooks.uninstall': () => s.hooks.uninstall(),
    'auth.pageUrl': () => ({ url: s.auth.pageUrl() }),
    'auth.rotate': () => ({ url: s.auth.rotate() }),
    'tiles.list': () => ({ tiles: s.world.tiles() }),
    'tiles.create': (req) => {
      const tile = s.world.createTile(req)
      s.publishWorld()
      return tile
    },
    'tiles.update': (req) => {
      const tile = s.world.tile(req.id)
      if (!tile) throw new ApiError('not_found', `no text tile with id "${req.id}"`, 'id')
      const next = {
        ...tile,
        ...(req.text ? { text: req.text } : {}),
        ...(req.position ? { position: req.position } : {}),
        ...(req.color ? { color: req.color } : {}),
      }
      s.world.updateTile(next)
      s.publishWorld()
      return next
    },
    'tiles.delete': (req) => {
      if (!s.world.deleteTile(req.id))
        throw new ApiError('not_found', `no text tile with id "${req.id}"`, 'id')
      s.publishWorld()
      return { ok: true as const }
    },
    'hexes.list': () => ({ hexes: s.world.hexes() }),
    'hexes.paint': (req) => {
      s.world.paint(req.hexes)
      s.publishWorld()
      return { ok: true as const }
    },
    'app.installUpdate': () => {
      throw new ApiError(
        'unavailable',
        'installing updates is for the desktop app, which manages them',
      )
    },
    'app.focus': (req) => {
      s.setFocus({
        sessionId: req.sessionId,
        ...(req.windowFocused !== undefined ? { windowFocused: req.windowFocused } : {}),
      })
      return { ok: true as const }
    },
    'app.openExternal': (req) => {
      s.openExternal(req.target)
      return { ok: true as const }
    },
  }
}
