/** The contract: every required channel exists, names follow domain.verb, schemas validate. */
import { describe, expect, it } from 'vitest'
import { channels, streams, zodToApiError } from '@shared/contract'
import { CanonicalEventSchema } from '@shared/events'
import { EVENT_TYPES } from '../../support/event-types'

const CHANNEL_NAMES = Object.keys(channels)
const STREAM_NAMES = Object.keys(streams)

const REQUIRED = [
  'sessions.list',
  'sessions.create',
  'sessions.prompt',
  'sessions.interrupt',
  'sessions.restart',
  'sessions.delete',
  'events.list',
  'events.search',
  'permissions.list',
  'permissions.decide',
  'git.status',
]

describe('contract', () => {
  it('has every channel the product needs, named domain.verb', () => {
    for (const name of REQUIRED) expect(CHANNEL_NAMES).toContain(name)
    for (const name of CHANNEL_NAMES) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/)
    expect(STREAM_NAMES).toEqual(
      expect.arrayContaining(['events', 'sessions', 'permissions', 'git', 'terminal']),
    )
  })

  it('validates sessions.create and names the offending field', () => {
    const schema = channels['sessions.create'].request
    expect(schema.safeParse({ name: 'a', cwd: '/tmp' }).success).toBe(true)
    const relative = schema.safeParse({ name: 'a', cwd: 'relative/path' })
    expect(relative.success).toBe(false)
    if (!relative.success)
      expect(zodToApiError(relative.error).toJSON()).toMatchObject({
        code: 'bad_request',
        field: 'cwd',
      })
    const control = schema.safeParse({ name: 'bad\u0007name', cwd: '/tmp' })
    expect(control.success).toBe(false)
    if (!control.success) expect(zodToApiError(control.error).message).toMatch(/control characters/)
    expect(schema.safeParse({ name: 'a', cwd: '/tmp', backend: 'docker' }).success).toBe(false)
    expect(schema.safeParse({ name: 'a', cwd: '/tmp', unexpected: 1 }).success).toBe(false)
  })

  it('permissions.decide accepts only allow, always or deny', () => {
    const schema = channels['permissions.decide'].request
    expect(schema.safeParse({ id: 'x', decision: 'always' }).success).toBe(true)
    expect(schema.safeParse({ id: 'x', decision: 'maybe' }).success).toBe(false)
  })

  it('the canonical union covers every event type once', () => {
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length)
    const base = { id: 'a', sessionId: 's', agent: 'claude', ts: 1 }
    expect(CanonicalEventSchema.safeParse({ ...base, type: 'prompt', text: 'hi' }).success).toBe(
      true,
    )
    expect(CanonicalEventSchema.safeParse({ ...base, type: 'nope' }).success).toBe(false)
  })
})
