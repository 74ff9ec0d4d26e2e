import { describe, expect, it } from 'vitest'
import { parsePorcelainV2 } from '../../../src/main/core/git/parse-porcelain'
import { parseNumstat, sumLines } from '../../../src/main/core/git/parse-numstat'
import { Semaphore } from '../../../src/main/core/git/semaphore'
import { numstatAreas } from '../../../src/main/core/git/read-status'

const OID = 'b4dfba3105c31361766c3b9a2c5613744f307e47'
const MODES = '100644 100644 100644'
const HASHES = `${OID} ${OID}`

function records(...parts: string[]): string {
  return parts.map((p) => p + '\0').join('')
}

describe('parsePorcelainV2', () => {
  it('reads branch headers, ordinary, renamed, unmerged and untracked records', () => {
    const out = records(
      `# branch.oid ${OID}`,
      '# branch.head feature/x',
      '# branch.upstream origin/feature/x',
      '# branch.ab +3 -1',
      `1 .M N... ${MODES} ${HASHES} src/with space.ts`,
      `2 R. N... ${MODES} ${HASHES} R100 new name.txt`,
      'old name.txt',
      `u UU N... 100644 100644 100644 100644 ${OID} ${OID} ${OID} conflict.md`,
      '? untracked dir/',
    )
    const status = parsePorcelainV2(out)
    expect(status).toMatchObject({
      oid: OID,
      branch: 'feature/x',
      upstream: 'origin/feature/x',
      ahead: 3,
      behind: 1,
    })
    expect(status.entries).toEqual([
      { kind: 'changed', xy: '.M', path: 'src/with space.ts' },
      { kind: 'renamed', xy: 'R.', path: 'new name.txt', from: 'old name.txt' },
      { kind: 'unmerged', xy: 'UU', path: 'conflict.md' },
      { kind: 'untracked', xy: '??', path: 'untracked dir/' },
    ])
  })

  it('reports detached HEAD and an unborn branch', () => {
    expect(
      parsePorcelainV2(records(`# branch.oid ${OID}`, '# branch.head (detached)')),
    ).toMatchObject({
      oid: OID,
      branch: null,
    })
    expect(parsePorcelainV2(records('# branch.oid (initial)', '# branch.head main'))).toMatchObject(
      {
        oid: null,
        branch: 'main',
        ahead: 0,
        behind: 0,
      },
    )
  })

  it('drops a record cut off by the output cap', () => {
    const complete = records('# branch.head main', '? a.txt')
    const status = parsePorcelainV2(complete + '? half-writ')
    expect(status.entries.map((e) => e.path)).toEqual(['a.txt'])
  })
})

describe('parseNumstat', () => {
  it('reads counts, binary files and renames keyed by the new path', () => {
    const out = '3\t1\tsrc/a.ts\0-\t-\timg.png\0' + '2\t0\t\0old.txt\0new.txt\0'
    const counts = parseNumstat(out)
    expect(counts.get('src/a.ts')).toEqual({ added: 3, removed: 1, binary: false })
    expect(counts.get('img.png')).toEqual({ added: 0, removed: 0, binary: true })
    expect(counts.get('new.txt')).toEqual({ added: 2, removed: 0, binary: false })
    expect(counts.has('old.txt')).toBe(false)
    expect(sumLines(counts.values())).toEqual({ added: 5, removed: 1 })
  })

  it('returns nothing for empty output', () => {
    expect(parseNumstat('').size).toBe(0)
  })
})

describe('Semaphore', () => {
  it('never runs more than max tasks at once and runs them all', async () => {
    const limit = new Semaphore(2)
    let active = 0
    let peak = 0
    const task = async (i: number) => {
      active++
      peak = Math.max(peak, active)
      await new Promise((r) => setTimeout(r, 5))
      active--
      return i
    }
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => limit.use(() => task(i))))
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(peak).toBe(2)
  })

  it('releases the slot when a task throws', async () => {
    const limit = new Semaphore(1)
    await expect(limit.use(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(limit.use(() => Promise.resolve('ok'))).resolves.toBe('ok')
  })
})

describe('numstatAreas', () => {
  const entries = (...lines: string[]) => parsePorcelainV2(records(...lines)).entries
  it('asks for a numstat only where the status lists something it can count', () => {
    expect(numstatAreas([])).toEqual({ unstaged: false, staged: false })
    expect(numstatAreas(entries('? new.txt'))).toEqual({ unstaged: false, staged: false })
    expect(numstatAreas(entries(`1 .M N... ${MODES} ${HASHES} a.txt`))).toEqual({
      unstaged: true,
      staged: false,
    })
    expect(numstatAreas(entries(`2 R. N... ${MODES} ${HASHES} R100 b.txt`, 'a.txt'))).toEqual({
      unstaged: false,
      staged: true,
    })
    expect(
      numstatAreas(entries(`u UU N... 100644 100644 100644 100644 ${OID} ${OID} ${OID} c.md`)),
    ).toEqual({ unstaged: true, staged: false })
  })
})
