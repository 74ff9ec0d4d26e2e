/**
 * Starts test/support/pipeline/core-process.ts as a separate Node process (tsx, never out/) and
 * waits for its ready line. Used by the kill -9 test.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { HANG_TIMEOUT_MS } from '../patience'

const ROOT = join(__dirname, '../../..')
const ENTRY = join(ROOT, 'test/support/pipeline/core-process.ts')

export interface CoreProcess {
  child: ChildProcess
  port: number
  token: string
  exited: Promise<number | null>
}

export function spawnCore(dataDir: string): Promise<CoreProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, dataDir], {
    cwd: ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`core process not ready after ${HANG_TIMEOUT_MS} ms: ${out}`))
    }, HANG_TIMEOUT_MS)
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const line = out.split('\n')[0]
      if (!out.includes('\n')) return
      clearTimeout(timer)
      child.stdout!.removeAllListeners('data')
      child.stdout!.resume()
      const { port, token } = JSON.parse(line) as { port: number; token: string }
      resolve({ child, port, token, exited })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`core process exited (${code}) before ready: ${out}`))
    })
  })
}
