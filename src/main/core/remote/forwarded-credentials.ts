/**
 * "Send my Claude credentials" (docs/remote-hosts.md, "Credentials stay put"): the values a host
 * with the switch on gets in each session's launch file, which reaches the host on ssh's stdin
 * (0600, deleted as the pane starts), never in an argument. Off, nothing of this machine's
 * environment goes there: the remote Claude uses the host's own login.
 */
import { FORWARDED_CREDENTIAL_ENV } from '@shared/hosts'

/** The forwardable variables `source` has a non-empty value for, by name. */
export function pickForwardedCredentials(
  source: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const picked: Record<string, string> = {}
  for (const name of FORWARDED_CREDENTIAL_ENV) {
    const value = source[name]
    if (value !== undefined && value !== '') picked[name] = value
  }
  return picked
}
