import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { PendingRequest } from '@shared/permissions'
import { PermissionHost } from '../../../src/renderer/src/ui/permissions/PermissionDialog'
import { useAppStore } from '../../../src/renderer/src/store'
import { installKeyboard } from '../../../src/renderer/src/keyboard/useKeyboard'
import { installFakeApi, resetStore, session, type Invoke } from '../support/ui-harness'

const request = (fields: Partial<PendingRequest>): PendingRequest => ({
  id: 'r1',
  sessionId: 'a',
  kind: 'permission',
  toolName: 'Bash',
  toolInput: { command: 'rm -rf build' },
  createdAt: 1,
  expiresAt: Date.now() + 600_000,
  ...fields,
})

let invoke: Invoke
let uninstall: () => void
beforeEach(() => {
  resetStore()
  invoke = installFakeApi()
  uninstall = installKeyboard()
  useAppStore
    .getState()
    .setSessions([
      session({ id: 'a', name: 'alpha' }),
      session({ id: 'b', name: 'beta', order: 2 }),
    ])
})
afterEach(() => {
  cleanup()
  uninstall()
})

describe('permission dialog', () => {
  it('shows the tool and command; Y allows', async () => {
    useAppStore.getState().setPending([request({})])
    render(<PermissionHost />)
    expect(screen.getByRole('alertdialog', { name: 'Allow Bash?' })).toBeInTheDocument()
    expect(screen.getByText('rm -rf build')).toBeInTheDocument()
    await userEvent.keyboard('y')
    expect(invoke).toHaveBeenCalledWith('permissions.decide', { id: 'r1', decision: 'allow' })
  })

  it('shows exactly what Always saves and where; A always allows', async () => {
    useAppStore.getState().setPending([
      request({
        always: {
          available: true,
          source: 'atelier',
          destination: 'localSettings',
          file: '/p/.claude/settings.local.json',
          rules: [
            {
              toolName: 'Bash',
              ruleContent: 'rm -rf build',
              text: 'Bash(rm -rf build)',
              meaning: 'exactly the command "rm -rf build"',
            },
          ],
        },
      }),
    ])
    render(<PermissionHost />)
    const plan = screen.getByRole('region', { name: 'What Always allows' })
    expect(plan).toHaveTextContent('Bash(rm -rf build)')
    expect(plan).toHaveTextContent('exactly the command "rm -rf build"')
    expect(plan).toHaveTextContent('/p/.claude/settings.local.json')
    await userEvent.keyboard('a')
    expect(invoke).toHaveBeenCalledWith('permissions.decide', { id: 'r1', decision: 'always' })
  })

  it('says why Always is not offered, and A does nothing', async () => {
    useAppStore.getState().setPending([
      request({
        toolInput: { command: 'rm -rf build/*' },
        always: { available: false, reason: 'the command contains "*"' },
      }),
    ])
    render(<PermissionHost />)
    expect(screen.getByTestId('always-plan')).toHaveTextContent(
      'not offered: the command contains "*"',
    )
    expect(screen.getByRole('button', { name: /Always/ })).toBeDisabled()
    await userEvent.keyboard('a')
    expect(invoke).not.toHaveBeenCalledWith('permissions.decide', expect.anything())
  })

  it('N opens the deny message; Enter denies with it', async () => {
    useAppStore.getState().setPending([request({})])
    render(<PermissionHost />)
    await userEvent.keyboard('n')
    await userEvent.type(
      screen.getByLabelText('Tell Claude why (optional)'),
      'use make clean{Enter}',
    )
    expect(invoke).toHaveBeenCalledWith('permissions.decide', {
      id: 'r1',
      decision: 'deny',
      message: 'use make clean',
    })
  })

  it('previews an Edit as a diff', () => {
    useAppStore.getState().setPending([
      request({
        toolName: 'Edit',
        toolInput: { file_path: '/p/a.ts', old_string: 'const a = 1', new_string: 'const a = 2' },
      }),
    ])
    render(<PermissionHost />)
    const diff = screen.getByLabelText('Proposed change')
    expect(diff.querySelector('.del')).toHaveTextContent('- const a = 1')
    expect(diff.querySelector('.add')).toHaveTextContent('+ const a = 2')
  })

  it('queues requests from several sessions and Escape hides the dialog until a new one arrives', async () => {
    useAppStore.getState().setPending([
      request({}),
      request({
        id: 'r2',
        sessionId: 'b',
        toolName: 'Write',
        toolInput: { file_path: '/p/x', content: 'x' },
        createdAt: 2,
      }),
    ])
    render(<PermissionHost />)
    expect(screen.getByText('1 of 2')).toBeInTheDocument()
    await userEvent.keyboard(']')
    expect(screen.getByRole('alertdialog', { name: 'Allow Write?' })).toBeInTheDocument()
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('alertdialog')).toBeNull()
    act(() =>
      useAppStore
        .getState()
        .setPending([...useAppStore.getState().pending, request({ id: 'r3', createdAt: 3 })]),
    )
    expect(screen.getByRole('alertdialog')).toBeInTheDocument()
  })

  it('answers every AskUserQuestion question, multi-select included', async () => {
    useAppStore.getState().setPending([
      request({
        kind: 'question',
        toolName: 'AskUserQuestion',
        questions: [
          {
            question: 'Which database?',
            header: 'DB',
            options: [{ label: 'Postgres', description: 'relational' }, { label: 'SQLite' }],
          },
          {
            question: 'Which extras?',
            multiSelect: true,
            options: [{ label: 'Auth' }, { label: 'Billing' }, { label: 'Search' }],
          },
        ],
      }),
    ])
    render(<PermissionHost />)
    const send = screen.getByRole('button', { name: 'Send answer' })
    expect(send).toBeDisabled()
    await userEvent.click(screen.getByLabelText(/SQLite/))
    await userEvent.click(screen.getByLabelText(/Auth/))
    await userEvent.click(screen.getByLabelText(/Search/))
    await userEvent.click(send)
    expect(invoke).toHaveBeenCalledWith('permissions.decide', {
      id: 'r1',
      decision: 'allow',
      answers: { 'Which database?': 'SQLite', 'Which extras?': ['Auth', 'Search'] },
    })
  })
})
