import '@testing-library/jest-dom/vitest'
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { DiffView } from '@renderer/git/DiffView'
import { parseUnifiedDiff } from '@renderer/git/diff-rows'
import { languageForPath } from '@renderer/git/highlight'

afterEach(cleanup)

const TS_DIFF = [
  'diff --git a/src/a.ts b/src/a.ts',
  'index 1111111..2222222 100644',
  '--- a/src/a.ts',
  '+++ b/src/a.ts',
  '@@ -10,3 +10,3 @@ export function f() {',
  ' const keep = 1',
  '-const old = "<b>bold</b>"',
  '+const fresh = "<img src=x onerror=alert(1)>"',
  ' return keep',
  '\\ No newline at end of file',
  '',
].join('\n')

describe('parseUnifiedDiff', () => {
  it('numbers old and new lines from the hunk header', () => {
    const rows = parseUnifiedDiff(TS_DIFF)
    expect(rows.map((r) => r.kind)).toEqual([
      'meta',
      'meta',
      'meta',
      'meta',
      'hunk',
      'context',
      'del',
      'add',
      'context',
      'note',
    ])
    expect(rows[5]).toMatchObject({ oldLine: 10, newLine: 10, text: 'const keep = 1' })
    expect(rows[6]).toMatchObject({ oldLine: 11, text: 'const old = "<b>bold</b>"' })
    expect(rows[7]).toMatchObject({ newLine: 11 })
    expect(rows[8]).toMatchObject({ oldLine: 12, newLine: 12 })
  })

  it('reads the two prefix columns of a combined (conflict) diff', () => {
    const rows = parseUnifiedDiff(
      ['diff --cc a.txt', '@@@ -1,1 -1,1 +1,5 @@@', '++<<<<<<< HEAD', ' +main', '  same'].join(
        '\n',
      ),
    )
    expect(rows.slice(2).map((r) => [r.kind, r.prefix, r.text])).toEqual([
      ['add', '++', '<<<<<<< HEAD'],
      ['add', ' +', 'main'],
      ['context', '  ', 'same'],
    ])
  })
})

describe('languageForPath', () => {
  it('picks a language by extension and none for unknown files', () => {
    expect(languageForPath('src/App.tsx')).toBe('typescript')
    expect(languageForPath('x/y.PY')).toBe('python')
    expect(languageForPath('Makefile')).toBeUndefined()
    expect(languageForPath('data.unknownext')).toBeUndefined()
  })
})

describe('DiffView', () => {
  it('colours added and removed rows and highlights code', () => {
    const { container } = render(<DiffView path="src/a.ts" diff={TS_DIFF} />)
    const added = container.querySelector('.git-diff-add')
    const removed = container.querySelector('.git-diff-del')
    expect(added).toHaveTextContent('const fresh')
    expect(removed).toHaveTextContent('const old')
    expect(added?.querySelector('.hljs-keyword')).toHaveTextContent('const')
    expect(container.querySelector('.git-diff-hunk')).toHaveTextContent('@@ -10,3 +10,3 @@')
    expect(screen.getByText('src/a.ts')).toBeInTheDocument()
  })

  it('never turns diff content into markup', () => {
    const { container } = render(<DiffView path="src/a.ts" diff={TS_DIFF} />)
    expect(container.querySelector('img')).toBeNull()
    expect(container.querySelector('b')).toBeNull()
    expect(container.querySelector('.git-diff-add')).toHaveTextContent(
      'const fresh = "<img src=x onerror=alert(1)>"',
    )
    // Unknown language: plain text nodes, still no markup.
    const plain = render(<DiffView path="README" diff={TS_DIFF} />)
    expect(plain.container.querySelector('img')).toBeNull()
    expect(plain.container.querySelector('.hljs-keyword')).toBeNull()
  })

  it('says when there is nothing to show and when the diff was cut', () => {
    render(<DiffView path="a.txt" diff="" truncated />)
    expect(screen.getByText('No changes to show')).toBeInTheDocument()
    expect(screen.getByText('Diff cut at its size limit')).toBeInTheDocument()
  })
})
