/** The New Session dialog asks Claude Code's trust question itself, and records only with consent. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { NewSessionDialog } from '../../../src/renderer/src/ui/dialogs/NewSessionDialog'
import { installFakeApi, resetStore, session, type Invoke } from '../support/ui-harness'

const UNTRUSTED = { trusted: false, projectFolder: '/work/repo', recordable: true }

let invoke: Invoke
let trust: { trusted: boolean; projectFolder: string; recordable: boolean }
beforeEach(async () => {
  resetStore()
  trust = UNTRUSTED
  invoke = installFakeApi({
    'projects.autocomplete': () => ({ results: [] }),
    'projects.trust': () => trust,
    'sessions.create': () => session({ id: 'new', name: 'repo' }),
  })
  await waitFor(() => expect(invoke).toHaveBeenCalledWith('attention.list', {}))
  await act(async () => {})
})
afterEach(() => cleanup())

async function openWithFolder(folder: string) {
  render(<NewSessionDialog onClose={vi.fn()} />)
  await userEvent.type(screen.getByLabelText('Folder'), folder)
}

function createRequest(): Record<string, unknown> {
  const call = invoke.mock.calls.find(([channel]) => channel === 'sessions.create')
  return call![1] as Record<string, unknown>
}

describe('new session: folder trust', () => {
  it('asks "Trust this folder for Claude Code?" for an untrusted folder, and records it only when ticked', async () => {
    await openWithFolder('/work/repo')
    const question = await screen.findByRole('region', {
      name: 'Trust this folder for Claude Code?',
    })
    expect(question).toHaveTextContent('/work/repo')
    const consent = screen.getByRole('checkbox', { name: /Yes, I trust this folder/ })
    expect(consent).not.toBeChecked()
    expect(question).toHaveTextContent(/asks in its terminal/)
    await userEvent.click(consent)
    expect(question).toHaveTextContent(/records your answer in ~\/\.claude\.json/)
    await userEvent.click(screen.getByRole('button', { name: 'Start session' }))
    await waitFor(() =>
      expect(createRequest()).toMatchObject({ cwd: '/work/repo', trustFolder: true }),
    )
  })

  it('without consent nothing is asked of the core to record', async () => {
    await openWithFolder('/work/repo')
    await screen.findByRole('checkbox', { name: /Yes, I trust this folder/ })
    await userEvent.click(screen.getByRole('button', { name: 'Start session' }))
    await waitFor(() => expect(createRequest()).toMatchObject({ cwd: '/work/repo' }))
    expect(createRequest()).not.toHaveProperty('trustFolder')
  })

  it('consent is for one folder: changing the folder asks again', async () => {
    await openWithFolder('/work/repo')
    await userEvent.click(await screen.findByRole('checkbox', { name: /Yes, I trust this folder/ }))
    trust = { ...UNTRUSTED, projectFolder: '/work/other' }
    const field = screen.getByLabelText('Folder')
    await userEvent.clear(field)
    await userEvent.type(field, '/work/other')
    await waitFor(() =>
      expect(screen.getByRole('region', { name: /Trust this folder/ })).toHaveTextContent(
        '/work/other',
      ),
    )
    expect(screen.getByRole('checkbox', { name: /Yes, I trust this folder/ })).not.toBeChecked()
  })

  it('a trusted folder is not asked about', async () => {
    trust = { trusted: true, projectFolder: '/work/repo', recordable: true }
    await openWithFolder('/work/repo')
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('projects.trust', { cwd: '/work/repo' }),
    )
    await act(async () => {})
    expect(screen.queryByRole('region', { name: /Trust this folder/ })).not.toBeInTheDocument()
  })

  it('the home folder, whose trust Claude Code never records, says to answer in the terminal', async () => {
    trust = { trusted: false, projectFolder: '/home/me', recordable: false }
    await openWithFolder('/home/me')
    const question = await screen.findByRole('region', { name: /Trust this folder/ })
    expect(question).toHaveTextContent(/answer it in the session's terminal/)
    expect(screen.queryByRole('checkbox', { name: /Yes, I trust/ })).not.toBeInTheDocument()
  })
})
