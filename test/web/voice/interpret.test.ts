/** What a final transcript means: command, addressed prompt, or dictation. */
import { describe, expect, it } from 'vitest'
import { interpret, spokenForm } from '../../../src/renderer/src/voice/interpret'

const sessions = [
  { id: 's-api', name: 'api', number: 1 },
  { id: 's-api-server', name: 'api-server', number: 2 },
  { id: 's-builder', name: 'Builder', number: 3 },
  { id: 's-late', name: 'late', number: null },
]
const on = { commands: true, addressing: true, sessions }

describe('interpret', () => {
  it('recognises the five commands however they are punctuated, only when enabled', () => {
    for (const [said, command] of [
      ['Allow.', 'allow'],
      ['deny', 'deny'],
      ['Always!', 'always'],
      [' Next. ', 'next'],
      ['skip', 'skip'],
    ] as const)
      expect(interpret(said, on)).toEqual({ kind: 'command', command })
    expect(interpret('Allow.', { ...on, commands: false })).toEqual({
      kind: 'dictation',
      text: 'Allow.',
    })
    // A command word inside a sentence is dictation.
    expect(interpret('Allow the build to run', on).kind).toBe('dictation')
  })

  it('addresses a session by name, spoken form, number or number word', () => {
    expect(interpret('To Builder: run the tests.', on)).toEqual({
      kind: 'addressed',
      sessionId: 's-builder',
      text: 'Run the tests.',
    })
    expect(interpret('to builder, run the tests', on)).toMatchObject({ sessionId: 's-builder' })
    expect(interpret('To API server: restart it', on)).toMatchObject({
      sessionId: 's-api-server',
      text: 'Restart it',
    })
    expect(interpret('To api: restart it', on)).toMatchObject({ sessionId: 's-api' })
    expect(interpret('To 3: commit', on)).toMatchObject({ sessionId: 's-builder', text: 'Commit' })
    expect(interpret('To session two, lint it', on)).toMatchObject({ sessionId: 's-api-server' })
    expect(interpret('To late: go', on)).toMatchObject({ sessionId: 's-late' })
  })

  it('leaves everything else in the prompt bar', () => {
    for (const said of [
      'To be or not to be',
      'To builders everywhere: hello', // not a word boundary after the name
      'To Builder:', // nothing to send
      'Refactor the parser',
    ])
      expect(interpret(said, on)).toEqual({ kind: 'dictation', text: said.trim() })
    expect(interpret('To Builder: go', { ...on, addressing: false }).kind).toBe('dictation')
  })

  it('spoken form drops case and punctuation', () => {
    expect(spokenForm('API-Server_2!')).toBe('api server 2')
  })
})
