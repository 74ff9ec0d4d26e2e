/**
 * Which version, if any, to offer. Semver ordering; on the stable channel a prerelease is never
 * offered (even one newer than the running version), on beta both kinds are.
 */
import semver from 'semver'
import type { UpdateChannel } from './types'

export function isAcceptableOnChannel(version: string, channel: UpdateChannel): boolean {
  const parsed = semver.parse(version)
  if (!parsed) return false
  return channel === 'beta' || parsed.prerelease.length === 0
}

/** The newest acceptable candidate strictly newer than `current`, or null. */
export function pickUpdate(
  current: string,
  candidates: readonly string[],
  channel: UpdateChannel,
): string | null {
  const currentParsed = semver.parse(current)
  if (!currentParsed) return null
  let best: string | null = null
  for (const candidate of candidates) {
    if (!isAcceptableOnChannel(candidate, channel)) continue
    if (!semver.gt(candidate, currentParsed)) continue
    if (best === null || semver.gt(candidate, best)) best = candidate
  }
  return best
}
