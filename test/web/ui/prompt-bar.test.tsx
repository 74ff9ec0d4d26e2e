import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { PromptBar } from '../../../src/renderer/src/ui/prompt/PromptBar'
import {
  matchSlashCommands,
  slashQuery,
  SLASH_COMMANDS,
} from '../../../src/renderer/src/ui/prompt/slash-commands'
import { useAppStore } from '../../../src/renderer/src/store'
import { installFakeApi, resetStore, session, type Invoke } from '../support/ui-harness'

let invoke: Invoke
beforeEach(() => {
  resetStore()
  invoke = installFakeApi()
  useAppStore
    .getState()
    .setSessions([
      session({ id: 'a', name: 'alpha', status: 'working' }),
      session({ id: 'b', name: 'beta', order: 2 }),
    ])
  useAppStore.getState().selectSession('a')
})
afterEach(cleanup)

describe('prompt bar', () => {
  it('Enter sends to the selected session only; Shift+Enter adds a line', async () => {
    render(<PromptBar />)
    const box = screen.getByLabelText('Prompt')
    await userEvent.type(box, 'first line{Shift>}{Enter}{/Shift}second line{Enter}')
    expect(invoke).toHaveBeenCalledWith('sessions.prompt', {
      id: 'a',
      text: 'first line\nsecond line',
    })
    expect(box).toHaveValue('')
  })

  it('Stop interrupts the selected session', async () => {
    render(<PromptBar />)
    await userEvent.click(screen.getByRole('button', { name: /Stop/ }))
    expect(invoke).toHaveBeenCalledWith('sessions.interrupt', { id: 'a' })
  })

  it('walks this session’s history with ↑/↓ and restores the draft', async () => {
    render(<PromptBar />)
    const box = screen.getByLabelText('Prompt')
    await userEvent.type(box, 'one{Enter}')
    await userEvent.type(box, 'two{Enter}')
    await userEvent.type(box, 'draft')
    await userEvent.keyboard('{ArrowUp}')
    expect(box).toHaveValue('two')
    await userEvent.keyboard('{ArrowUp}')
    expect(box).toHaveValue('one')
    await userEvent.keyboard('{ArrowDown}{ArrowDown}')
    expect(box).toHaveValue('draft')
    expect(useAppStore.getState().promptHistory.b).toBeUndefined()
  })

  it('offers slash commands and inserts the chosen one', async () => {
    render(<PromptBar />)
    const box = screen.getByLabelText('Prompt')
    await userEvent.type(box, '/co')
    const options = screen.getAllByRole('option').map((o) => o.textContent)
    expect(options.some((t) => t?.startsWith('/compact'))).toBe(true)
    expect(options.some((t) => t?.startsWith('/cost'))).toBe(true)
    expect(options.some((t) => t?.startsWith('/clear'))).toBe(false)
    await userEvent.keyboard('{ArrowDown}{Tab}')
    expect((box as HTMLTextAreaElement).value).toMatch(/^\/(compact|config|context|cost) $/)
  })

  it('shows a server error as a toast with its message', async () => {
    invoke.mockImplementationOnce(async () => {
      throw new Error('session "alpha" is offline')
    })
    render(<PromptBar />)
    await userEvent.type(screen.getByLabelText('Prompt'), 'hi{Enter}')
    expect(useAppStore.getState().toasts.at(-1)?.text).toMatch(/session "alpha" is offline/)
  })
})

describe('slash commands', () => {
  it('include the original 17 and Claude Code’s common ones', () => {
    const names = SLASH_COMMANDS.map((c) => c.name)
    for (const n of [
      '/clear',
      '/compact',
      '/config',
      '/cost',
      '/doctor',
      '/help',
      '/init',
      '/login',
      '/logout',
      '/memory',
      '/model',
      '/permissions',
      '/pr-comments',
      '/review',
      '/status',
      '/terminal-setup',
      '/vim',
      '/context',
      '/agents',
    ]) {
      expect(names).toContain(n)
    }
  })
  it('only trigger at the start of a line', () => {
    expect(slashQuery('/mo', 3)).toBe('/mo')
    expect(slashQuery('ask /mo', 7)).toBeNull()
    expect(slashQuery('line\n/he', 8)).toBe('/he')
    expect(matchSlashCommands('/mod').map((c) => c.name)).toEqual(['/model'])
  })
})
