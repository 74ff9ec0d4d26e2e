/**
 * The tmux backend: each session runs in its own tmux session on the app's private server, so it
 * survives an app restart and can be attached from any terminal (`attachCommand`). How a session
 * runs in tmux is tmux-engine.ts; this file is the local place: the private socket, a FIFO in the
 * 0700 tmux folder, launch files there, and signals sent from here.
 */
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { buildChildEnv } from '../../process/env'
import { makeFifo, readFifo } from './fifo-reader'
import { writeLaunchFile } from './pane-launcher'
import { TmuxCli, tmuxSessionName } from './tmux-cli'
import { createTmuxEngine, type TmuxPlace } from './tmux-engine'
import { UNKNOWN_EXIT_CODE, type SessionBackend } from './types'

/** How often the exit watcher asks tmux about dead panes while any session is watched. */
const EXIT_POLL_MS = 250
/** Reported when the process ended but tmux cannot say how (vanished session, lost status). */
export { UNKNOWN_EXIT_CODE }

export interface TmuxBackendOptions {
  /** The app data dir: holds the socket, the config and the output FIFOs. */
  dataDir: string
  tmuxBin?: string
}

export interface TmuxSessionBackend extends SessionBackend {
  readonly cli: TmuxCli
  sessionName(sessionKey: string): string
  /** Ends the private tmux server and every session on it (tests, uninstall). */
  killServer(): Promise<void>
}

function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal)
    return true
  } catch {
    return false
  }
}

function localPlace(cli: TmuxCli): TmuxPlace {
  return {
    run: (...commands) => cli.run(...commands),
    async openOutput(name, onText) {
      await cli.prepare()
      const fifo = join(cli.dir, `${name}.out`)
      await makeFifo(fifo)
      const reader = readFifo(fifo, onText)
      return { fifo, close: () => reader.close() }
    },
    async writeLaunch(name, env, file, args) {
      const launch = await writeLaunchFile(cli.dir, name, buildChildEnv(env), file, args)
      return { command: launch.command, discard: () => rm(launch.path, { force: true }) }
    },
    signal: async (pid, signal) => signalProcess(pid, signal),
    exitPollMs: EXIT_POLL_MS,
  }
}

export function createTmuxBackend(options: TmuxBackendOptions): TmuxSessionBackend {
  const cli = new TmuxCli(options.dataDir, options.tmuxBin)
  const engine = createTmuxEngine(localPlace(cli))
  return {
    kind: 'tmux',
    cli,
    sessionName: tmuxSessionName,
    spawn: (spec) => engine.spawn(spec),
    adopt: (sessionKey) => engine.adopt(sessionKey),
    async killServer(): Promise<void> {
      await cli.run(['kill-server'])
      await engine.pollExits()
    },
  }
}
