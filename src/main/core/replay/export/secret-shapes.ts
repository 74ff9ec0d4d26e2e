/**
 * The shapes of secrets that end up in a coding agent's history: keys pasted into prompts,
 * tokens printed by a command, a .env file read by a tool. An export removes every match when
 * the user leaves "known secrets" on. Each pattern matches the secret itself, so what stays
 * around it (the variable name, the URL's host) still reads.
 */

export interface SecretShape {
  name: string
  /** Global; the whole match is the secret unless `group` names the part that is. */
  pattern: RegExp
  group?: number
}

export const SECRET_SHAPES: readonly SecretShape[] = [
  {
    name: 'private key block',
    pattern:
      /-----BEGIN[A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END[A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|$)/g,
  },
  // Anthropic (sk-ant-…), OpenAI and similar (sk-…, sk-proj-…).
  { name: 'sk- API key', pattern: /\bsk-[A-Za-z0-9_-]{20,}/g },
  { name: 'AWS access key id', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { name: 'GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})/g },
  { name: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g },
  { name: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { name: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}/g },
  { name: 'Stripe key', pattern: /\b[rs]k_(live|test)_[0-9A-Za-z]{16,}/g },
  { name: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  {
    name: 'JSON web token',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  },
  // Authorization: Bearer <token> / Basic <credentials>.
  {
    name: 'authorization header',
    pattern: /\b(?:Bearer|Basic)\s+([A-Za-z0-9._~+/=-]{12,})/g,
    group: 1,
  },
  // scheme://user:password@host
  {
    name: 'password in a URL',
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]+)@/gi,
    group: 1,
  },
  // PASSWORD=…, api_key: "…", "client_secret": "…", token = … (env files, configs, JSON).
  {
    name: 'secret assignment',
    pattern:
      /\b[A-Za-z0-9_.-]*(?:passw(?:or)?d|passwd|secret|api[_-]?key|access[_-]?key|auth[_-]?token|access[_-]?token|private[_-]?key|token)[A-Za-z0-9_.-]*["']?\s*[:=]\s*["']?([^\s"',;]{8,})/gi,
    group: 1,
  },
]
