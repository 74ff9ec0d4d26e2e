/**
 * `npm run hooks -- install|uninstall|status [--data-dir DIR] [--port N]`: manages the opt-in
 * global hooks in ~/.claude/settings.json without starting the app.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_HOOK_PORT } from '@shared/settings'
import {
  defaultSettingsFile,
  globalHookStatus,
  installGlobalHooks,
  uninstallGlobalHooks,
} from './core/agents/claude/global-hooks'
import { resolveDataDir } from './core/util/paths'
import { hookUrl } from './core/agents/hook-routes'
import { loadOrCreateToken, TOKEN_FILE } from './core/util/token'
import { parseServerArgs } from './server-args'

function main(): void {
  const [command, ...rest] = process.argv.slice(2)
  const args = parseServerArgs(rest)
  const dataDir = resolveDataDir(args.dataDir)
  const paths = { settingsFile: defaultSettingsFile(), hooksDir: join(dataDir, 'hooks') }
  const port = args.port ?? storedPort(dataDir) ?? DEFAULT_HOOK_PORT
  switch (command) {
    case 'install': {
      loadOrCreateToken(dataDir)
      const shimSource = join(__dirname, 'hook-shim.js')
      if (!existsSync(shimSource))
        throw new Error(`hook shim not built (${shimSource}); run "npm run build"`)
      const s = installGlobalHooks(paths, {
        shimSource,
        nodePath: process.execPath,
        hookUrl: hookUrl(port, 'claude'),
        tokenFile: join(dataDir, TOKEN_FILE),
      })
      console.log(`installed Atelier hooks for ${s.events.length} events in ${s.settingsPath}`)
      if (s.backups.length) console.log(`backup: ${s.backups[s.backups.length - 1]}`)
      break
    }
    case 'uninstall': {
      const s = uninstallGlobalHooks(paths)
      console.log(
        `removed Atelier hooks from ${s.settingsPath}${s.events.length ? ` (still present: ${s.events.join(', ')})` : ''}`,
      )
      break
    }
    case 'status': {
      const s = globalHookStatus(paths)
      console.log(JSON.stringify(s, null, 2))
      break
    }
    default:
      console.error('usage: npm run hooks -- install|uninstall|status [--data-dir DIR] [--port N]')
      process.exitCode = 2
  }
}

/** The hook port saved in settings, read without opening the database writer. */
function storedPort(dataDir: string): number | undefined {
  const portFile = join(dataDir, 'port')
  if (!existsSync(portFile)) return undefined
  const n = Number(readFileSync(portFile, 'utf8').trim())
  return Number.isInteger(n) && n > 0 ? n : undefined
}

try {
  main()
} catch (err) {
  console.error(err instanceof Error ? err.message : err)
  process.exitCode = 1
}
