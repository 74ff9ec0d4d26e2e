import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** The data folder: explicit option → ATELIER_HOME → ~/.atelier. */
export function resolveDataDir(explicit?: string): string {
  return resolve(explicit ?? process.env.ATELIER_HOME ?? join(homedir(), '.atelier'))
}
