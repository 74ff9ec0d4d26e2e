/**
 * The server's command-line options (`--port`, `--data-dir`), read by the headless entry and by
 * `npm run hooks`. (The desktop app's launch requests are shell/desktop/argv.ts.)
 */
export interface ServerArgs {
  port?: number
  dataDir?: string
}

export function parseServerArgs(argv: string[]): ServerArgs {
  const out: ServerArgs = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const [flag, inline] = a.includes('=')
      ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
      : [a, undefined]
    const value = () => inline ?? argv[++i]
    if (flag === '--port') {
      const v = value()
      const n = Number(v)
      if (!Number.isInteger(n) || n < 0 || n > 65535)
        throw new Error(`--port must be an integer 0–65535, got "${v}"`)
      out.port = n
    } else if (flag === '--data-dir') {
      const v = value()
      if (!v) throw new Error('--data-dir needs a folder')
      out.dataDir = v
    }
  }
  return out
}
