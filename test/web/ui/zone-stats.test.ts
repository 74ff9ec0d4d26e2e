/** Zone info's tool table: a denied call is counted as denied, never as a success. */
import { describe, expect, it } from 'vitest'
import { zoneStats } from '../../../src/renderer/src/ui/dialogs/zone-stats'
import { ev } from '../support/ui-harness'

describe('zone stats', () => {
  it('counts calls, failures and denials per tool', () => {
    const stats = zoneStats([
      ev('prompt', { text: 'go' }),
      ev('tool.start', { toolUseId: 'a', tool: 'Bash', input: { command: 'ls' } }),
      ev('tool.end', { toolUseId: 'a', tool: 'Bash', input: {}, success: true }),
      ev('tool.start', { toolUseId: 'b', tool: 'Bash', input: { command: 'rm -rf x' } }),
      ev('permission.request', { requestId: 'r', tool: 'Bash', input: { command: 'rm -rf x' } }),
      ev('permission.decision', { requestId: 'r', tool: 'Bash', outcome: 'deny', by: 'app' }),
      ev('tool.start', { toolUseId: 'c', tool: 'Bash', input: { command: 'false' } }),
      ev('tool.end', { toolUseId: 'c', tool: 'Bash', input: {}, success: false }),
    ])
    expect(stats.tools).toEqual([{ tool: 'Bash', count: 3, failures: 1, denied: 1, avgMs: null }])
  })
})
