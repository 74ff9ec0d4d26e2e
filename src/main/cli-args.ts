/** Command-line options shared by the headless entry and `npm start`. */
export interface LaunchArgs {
  port?: number
  dataDir?: string
}

export function parseLaunchArgs(argv: string[]): LaunchArgs {
  const out: LaunchArgs = {}
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
