/** The export's redactor: literal strings, the user's patterns and the known secret shapes. */
import { describe, expect, it } from 'vitest'
import { REDACTED, Redactor } from '../../../src/main/core/replay/export/redaction'
import { SECRET_SHAPES } from '../../../src/main/core/replay/export/secret-shapes'

const none = { strings: [], patterns: [], secrets: false, toolOutputs: false }

/** One sample of every shape, each with the text around it that must stay. */
const SAMPLES: { shape: string; text: string; secret: string; kept: string }[] = [
  {
    shape: 'private key block',
    text: 'key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\nend',
    secret: 'b3BlbnNzaC1rZXktdjEAAAAA',
    kept: 'end',
  },
  {
    shape: 'sk- API key',
    text: 'export ANTHROPIC_KEY sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx-yz0123 done',
    secret: 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx-yz0123',
    kept: 'done',
  },
  {
    shape: 'AWS access key id',
    text: 'aws id AKIAIOSFODNN7EXAMPLE set',
    secret: 'AKIAIOSFODNN7EXAMPLE',
    kept: 'set',
  },
  {
    shape: 'GitHub token',
    text: 'remote uses ghp_abcdefghijklmnopqrstuvwxyz0123456789 ok',
    secret: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    kept: 'ok',
  },
  {
    shape: 'GitLab token',
    text: 'glpat-AbCdEfGhIjKlMnOpQrSt12 for ci',
    secret: 'glpat-AbCdEfGhIjKlMnOpQrSt12',
    kept: 'for ci',
  },
  {
    shape: 'Slack token',
    text: 'hook xoxb-123456789012-abcdefABCDEF posted',
    secret: 'xoxb-123456789012-abcdefABCDEF',
    kept: 'posted',
  },
  {
    shape: 'Google API key',
    text: 'maps AIzaSyA1234567890abcdefghijklmnopqrstuv loaded',
    secret: 'AIzaSyA1234567890abcdefghijklmnopqrstuv',
    kept: 'loaded',
  },
  {
    shape: 'Stripe key',
    text: 'pay with sk_live_4eC39HqLyjWDarjtT1zdp7dc now',
    secret: '4eC39HqLyjWDarjtT1zdp7dc',
    kept: 'now',
  },
  {
    shape: 'npm token',
    text: '//registry/:_auth npm_abcdefghijklmnopqrstuvwxyz0123456789 x',
    secret: 'npm_abcdefghijklmnopqrstuvwxyz0123456789',
    kept: '_auth',
  },
  {
    shape: 'JSON web token',
    text: 'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U in header',
    secret: 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    kept: 'in header',
  },
  {
    shape: 'authorization header',
    text: 'curl -H "Authorization: Bearer abcDEF123456ghiJKL7890" https://api',
    secret: 'abcDEF123456ghiJKL7890',
    kept: 'Authorization: Bearer',
  },
  {
    shape: 'password in a URL',
    text: 'git clone https://dev:hunter2secret@git.example.com/repo.git',
    secret: 'hunter2secret',
    kept: 'git.example.com/repo.git',
  },
  {
    shape: 'secret assignment',
    text: 'DB_PASSWORD=correct-horse-battery\nAPI_KEY: "zz9-plural-z-alpha"\nDEBUG=1',
    secret: 'correct-horse-battery',
    kept: 'DEBUG=1',
  },
]

describe('redaction', () => {
  it('has a sample for every known secret shape', () => {
    expect(new Set(SAMPLES.map((s) => s.shape))).toEqual(new Set(SECRET_SHAPES.map((s) => s.name)))
  })

  it.each(SAMPLES)('removes a $shape and keeps the text around it', ({ text, secret, kept }) => {
    const r = new Redactor({ ...none, secrets: true })
    const out = r.text(text)
    expect(out).not.toContain(secret)
    expect(out).toContain(REDACTED)
    expect(out).toContain(kept)
    expect(r.count).toBeGreaterThan(0)
    // Running it again over its own output changes nothing.
    expect(new Redactor({ ...none, secrets: true }).text(out)).toBe(out)
  })

  it('leaves known secrets alone when not asked to remove them', () => {
    const r = new Redactor(none)
    expect(r.active).toBe(false)
    for (const s of SAMPLES) expect(r.text(s.text)).toBe(s.text)
  })

  it('removes literal strings in any letter case, longest first, in keys and values', () => {
    const r = new Redactor({ ...none, strings: ['acme', 'Acme Rockets'] })
    const out = r.value({
      name: 'ACME ROCKETS build',
      nested: [{ 'acme-key': 'the acme repo' }],
      n: 3,
      flag: true,
      nothing: null,
    })
    expect(out).toEqual({
      name: `${REDACTED} build`,
      nested: [{ [`${REDACTED}-key`]: `the ${REDACTED} repo` }],
      n: 3,
      flag: true,
      nothing: null,
    })
    expect(r.count).toBe(3)
  })

  it('treats literal strings as text, not as patterns', () => {
    const r = new Redactor({ ...none, strings: ['a.b*c'] })
    expect(r.text('axbbc and a.b*c')).toBe(`axbbc and ${REDACTED}`)
  })

  it("removes the user's pattern matches and never an empty match", () => {
    const r = new Redactor({ ...none, patterns: ['ticket-\\d+', 'q*'] })
    expect(r.text('fix ticket-4521 and ticket-7 now')).toBe(`fix ${REDACTED} and ${REDACTED} now`)
    expect(r.text('abc')).toBe('abc')
  })
})
