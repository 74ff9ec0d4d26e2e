/** The default backend: the session's process runs in a node-pty owned by the app. */
import { spawnPty, type IPty } from '../../process/spawn'
import { OutputChannel } from './output-channel'
import { type BackendProcess, type BackendSpawnSpec, type SessionBackend } from './types'

/** After SIGHUP, how long a process gets to exit before SIGKILL. */
const KILL_GRACE_MS = 2000

class PtyProcess implements BackendProcess {
  private readonly output = new OutputChannel()

  constructor(private readonly pty: IPty) {
    pty.onData((data) => this.output.pushData(data))
    // node-pty's exit event is a closure-bound IEvent: subscribing is calling it.
    const ptyEnded = pty.onExit
    ptyEnded(({ exitCode, signal }) =>
      this.output.pushEnd({ exitCode, signal: signal || undefined }),
    )
  }

  get pid(): number {
    return this.pty.pid
  }

  write(data: string): void {
    if (!this.output.exited) this.pty.write(data)
  }

  resize(cols: number, rows: number): void {
    if (!this.output.exited) this.pty.resize(cols, rows)
  }

  async kill(): Promise<void> {
    if (this.output.exited) return
    const gone = new Promise<void>((resolve) => this.output.onEnd(() => resolve()))
    // SIGHUP is what a closing terminal sends; Claude Code ends its session cleanly on it.
    this.pty.kill('SIGHUP')
    const timer = setTimeout(() => {
      if (!this.output.exited) this.pty.kill('SIGKILL')
    }, KILL_GRACE_MS)
    await gone
    clearTimeout(timer)
  }

  onData(listener: (data: string) => void): () => void {
    return this.output.onData(listener)
  }

  onEnd(listener: Parameters<BackendProcess['onEnd']>[0]): () => void {
    return this.output.onEnd(listener)
  }

  isAlive(): boolean {
    return this.output.exited === null
  }
}

export function createPtyBackend(): SessionBackend {
  return {
    kind: 'pty',
    async spawn(spec: BackendSpawnSpec): Promise<BackendProcess> {
      const pty = spawnPty(spec.file, spec.args, {
        cwd: spec.cwd,
        cols: spec.cols,
        rows: spec.rows,
        env: spec.env,
      })
      return new PtyProcess(pty)
    },
    // A pty dies with the app that owns it: there is never anything to adopt.
    async adopt(): Promise<BackendProcess | null> {
      return null
    },
  }
}
