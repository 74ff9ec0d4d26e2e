/**
 * The repository explains itself: comments point at documents in docs/ (and at headings that
 * exist there), never at notes outside the repository ("reference §3.4", "reference Appendix A",
 * "claude-code.md §2").
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '../../..')
const SOURCE = /\.(?:[cm]?[jt]sx?|css)$/

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name)
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : files(path)
    return SOURCE.test(d.name) ? [path] : []
  })
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>()
  for (const line of markdown.split('\n')) {
    const m = /^#{1,6}\s+(.*)$/.exec(line)
    if (m)
      out.add(
        m[1]
          .trim()
          .toLowerCase()
          .replace(/[^\p{L}\p{N}\s-]/gu, '')
          .replace(/\s/g, '-'),
      )
  }
  return out
}

const sources = ['src', 'test', 'scripts'].flatMap((d) => files(join(ROOT, d)))

describe('comments and docs', () => {
  it('cite no document outside the repository', () => {
    const outside =
      /(?:reference|original)[\s*]+(?:§|appendix|section)|the reference[\s*]+(?:names|says|gives)|(?:claude-code|vibecraft|stack|ecosystem|peers)\.md/i
    const hits = sources
      .filter((f) => f !== __filename && outside.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f))
    expect(hits).toEqual([])
  })

  it('point at docs/ files and headings that exist', () => {
    const broken: string[] = []
    for (const file of sources) {
      for (const m of readFileSync(file, 'utf8').matchAll(/docs\/([\w-]+\.md)(?:#([\w-]+))?/g)) {
        const doc = join(ROOT, 'docs', m[1])
        if (!existsSync(doc)) broken.push(`${relative(ROOT, file)}: ${m[0]} (no such file)`)
        else if (m[2] && !anchors(readFileSync(doc, 'utf8')).has(m[2]))
          broken.push(`${relative(ROOT, file)}: ${m[0]} (no such heading)`)
      }
    }
    expect(broken).toEqual([])
  })
})
