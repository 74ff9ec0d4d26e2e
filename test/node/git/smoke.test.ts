import { describe, it, expect } from 'vitest'
import { GitService } from '../../../src/main/core/git'
import { makeRepo, waitForStatus, writeFile, removeDir } from './helpers'

describe('smoke', () => {
  it('works', async () => {
    const repo = makeRepo()
    const s = new GitService()
    s.track('a', repo)
    const st = await waitForStatus(s, 'a', 'first', () => true)
    console.log(JSON.stringify(st), s.stats())
    writeFile(repo, 'a.txt', 'one\nTWO\nthree\nfour\n')
    const st2 = await waitForStatus(s, 'a', 'edit', (x) => x.files.length > 0)
    console.log(JSON.stringify(st2), s.stats())
    await new Promise((r) => setTimeout(r, 1000))
    console.log(s.stats())
    await s.close()
    removeDir(repo)
  })
})
