/** Settings › Permissions lists the rules "Always" saved through Atelier and revokes them. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { SavedRule } from '@shared/permissions'
import { SavedRules } from '../../../src/renderer/src/ui/permissions/SavedRules'
import { installFakeApi, resetStore, type Invoke } from '../support/ui-harness'

const rule = (r: string, present = true): SavedRule => ({
  rule: r,
  meaning: `meaning of ${r}`,
  file: '/repo/.claude/settings.local.json',
  sessionId: 'a',
  createdAt: 1_700_000_000_000,
  present,
})

let invoke: Invoke
let saved: SavedRule[]
beforeEach(() => {
  resetStore()
  saved = [rule('Bash(npm test)'), rule('Edit(//repo/a.ts)', false)]
  invoke = installFakeApi({
    'permissions.rules': () => ({ rules: saved }),
    'permissions.revokeRule': (req) => {
      const { rule: r } = req as { rule: string }
      saved = saved.filter((s) => s.rule !== r)
      return { rules: saved }
    },
  })
})
afterEach(() => cleanup())

describe('saved rules', () => {
  it('lists each rule with what it allows and its file; revoking removes it', async () => {
    render(<SavedRules />)
    expect(await screen.findByText('Bash(npm test)')).toBeInTheDocument()
    expect(screen.getByText('meaning of Bash(npm test)')).toBeInTheDocument()
    expect(screen.getByText(/no longer in the file/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Revoke Bash(npm test)' }))
    expect(invoke).toHaveBeenCalledWith('permissions.revokeRule', {
      rule: 'Bash(npm test)',
      file: '/repo/.claude/settings.local.json',
    })
    // The list refreshes when the revoke call answers, a tick after the click.
    await waitFor(() => expect(screen.queryByText('Bash(npm test)')).not.toBeInTheDocument())
    expect(screen.getByRole('button', { name: 'Revoke Edit(//repo/a.ts)' })).toHaveTextContent(
      'Forget',
    )
  })

  it('explains how a rule gets here when there is none', async () => {
    saved = []
    render(<SavedRules />)
    expect(await screen.findByText(/No saved rules yet/)).toBeInTheDocument()
  })
})
