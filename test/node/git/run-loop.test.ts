/**
 * The status-read loop both repository monitors share: one run at a time, one more for all the
 * asks that came during a run, `next()` answered by a run that started after it, errors reported
 * without stopping the loop, nothing after close.
 */
import { describe, expect, it } from 'vitest'
import { RunLoop } from '../../../src/main/core/git/run-loop'

function gate() {
  let open: () => void = () => {}
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { open, opened }
}

describe('RunLoop', () => {
  it('runs once more for every ask made during a run, and answers next() after that run', async () => {
    const gates = [gate(), gate()]
    let runs = 0
    const loop = new RunLoop(
      async () => {
        await gates[runs++]?.opened
      },
      () => {},
    )
    loop.kick()
    const after = loop.next()
    loop.kick()
    loop.kick()
    expect(runs).toBe(1)
    let answered = false
    void after.then(() => (answered = true))
    gates[0].open()
    await expect.poll(() => runs).toBe(2)
    expect(answered).toBe(false) // asked during the first run: the second one answers it
    gates[1].open()
    await after
    await loop.close()
    expect(runs).toBe(2)
  })

  it('reports a failed run and goes on; after close nothing runs and next() answers at once', async () => {
    const errors: string[] = []
    let runs = 0
    const loop = new RunLoop(
      async () => {
        runs++
        if (runs === 1) throw new Error('connection lost')
      },
      (err) => errors.push(err.message),
    )
    await loop.next()
    await loop.next()
    expect(errors).toEqual(['connection lost'])
    expect(runs).toBe(2)
    await loop.close()
    loop.kick()
    await loop.next()
    expect(runs).toBe(2)
  })
})
