import { z } from 'zod'
import { channel, Ok } from './define'
import { HostCheckSchema, HostEntrySchema, HostTargetSchema } from '../hosts'

const HostId = z.object({ id: z.string().min(1).max(64) }).strict()

export const hostChannels = {
  'hosts.list': channel(
    'Remote hosts, each with the outcome of its last test',
    z.object({}).strict(),
    z.object({ hosts: z.array(HostEntrySchema) }),
  ),
  'hosts.add': channel(
    'Adds a host (an ssh-config alias or user@host[:port]) and tests it; an unknown host key comes back with its fingerprint to confirm',
    z
      .object({
        target: HostTargetSchema,
        label: z.string().trim().min(1).max(80).optional(),
        identityFile: z
          .string()
          .min(1)
          .max(4096)
          .refine((p) => p.startsWith('/'), 'must be an absolute path')
          .optional(),
        forwardCredentials: z.boolean().optional(),
      })
      .strict(),
    z.object({ host: HostEntrySchema, check: HostCheckSchema }),
  ),
  'hosts.update': channel(
    'Renames a host, turns "Send my Claude credentials" on or off for it (used by the sessions started there from then on), or turns observing the Claude sessions started by hand there on or off (installs or removes the global hooks on the host)',
    z
      .object({
        id: z.string().min(1).max(64),
        label: z.string().trim().min(1).max(80).optional(),
        forwardCredentials: z.boolean().optional(),
        observe: z.boolean().optional(),
      })
      .strict(),
    HostEntrySchema,
  ),
  'hosts.confirmKey': channel(
    'Trusts the host key the user saw (its fingerprint must still be the one the host offers), then tests the host',
    z
      .object({
        id: z.string().min(1).max(64),
        fingerprint: z
          .string()
          .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'must be a SHA256: fingerprint'),
      })
      .strict(),
    HostCheckSchema,
  ),
  'hosts.test': channel(
    'Connects to a host and reports tmux, git, claude, the home folder and the round trip',
    HostId,
    HostCheckSchema,
  ),
  'hosts.remove': channel('Closes the connection to a host and forgets it', HostId, Ok),
} as const
