import { getPriority } from 'node:os'
import { describe, expect, it } from 'vitest'
import { runProcess } from '../../../src/main/core/process/spawn'

describe('runProcess', () => {
  it('runs a process at the nice value asked for, others at the parent’s', async () => {
    // The child reads its stdin before printing: runProcess writes it only after the priority
    // is set, so the figure is the one the process really runs with.
    const niced = await runProcess('/bin/sh', ['-c', 'read go; nice'], {
      niceness: 10,
      input: 'go\n',
    })
    expect(niced.stdout.trim()).toBe('10')
    const plain = await runProcess('/bin/sh', ['-c', 'read go; nice'], { input: 'go\n' })
    expect(plain.stdout.trim()).toBe(String(getPriority()))
  })
})
