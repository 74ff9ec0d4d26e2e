/**
 * The New Session dialog's host picker: this machine or a saved host, each with its health; a
 * host's folders are suggested from it, the request names it, and what does not apply there
 * (the local backend choice, this machine's folder trust) is not offered.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { HostEntry } from '@shared/hosts'
import { NewSessionDialog } from '../../../src/renderer/src/ui/dialogs/NewSessionDialog'
import { installFakeApi, resetStore, session, type Invoke } from '../support/ui-harness'

const DEVBOX: HostEntry = {
  id: 'h_dev',
  label: 'devbox',
  target: 'ana@devbox',
  addedAt: 1,
  connection: 'connected',
  sessions: 1,
  credentialsAvailable: [],
  lastCheck: { status: 'ready', message: 'ready', checkedAt: 1, latencyMs: 18 },
}
const GPU: HostEntry = {
  id: 'h_gpu',
  label: 'gpu',
  target: 'gpu',
  addedAt: 2,
  connection: 'disconnected',
  sessions: 0,
  credentialsAvailable: [],
  lastCheck: {
    status: 'unreachable',
    message: 'ssh: connect to host gpu port 22: Connection timed out',
    checkedAt: 1,
    latencyMs: null,
  },
}

let invoke: Invoke
let hosts: HostEntry[]
beforeEach(async () => {
  resetStore()
  hosts = [DEVBOX, GPU]
  invoke = installFakeApi({
    'hosts.list': () => ({ hosts }),
    'projects.autocomplete': (req) => {
      const host = (req as { host?: string }).host
      // The unreachable host does not answer while the test looks.
      if (host === 'h_gpu') return new Promise(() => {})
      return host === 'h_dev'
        ? { results: ['/home/ana/remote-repo'] }
        : { results: ['/work/local-repo'] }
    },
    'projects.trust': () => ({ trusted: false, projectFolder: '/work/repo', recordable: true }),
    'sessions.create': () => session({ id: 'new', name: 'repo' }),
  })
  await waitFor(() => expect(invoke).toHaveBeenCalledWith('attention.list', {}))
  await act(async () => {})
})
afterEach(() => cleanup())

function createRequest(): Record<string, unknown> {
  const call = invoke.mock.calls.find(([channel]) => channel === 'sessions.create')
  return call![1] as Record<string, unknown>
}

describe('new session: host picker', () => {
  it('offers this machine (the default) and each host with its health', async () => {
    render(<NewSessionDialog onClose={vi.fn()} />)
    const picker = await screen.findByLabelText('Runs on')
    expect(picker).toHaveValue('')
    expect([...picker.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'This machine',
      'devbox — Connected',
      'gpu — Unreachable',
    ])
    await userEvent.selectOptions(picker, 'h_gpu')
    expect(picker.closest('.field')).toHaveTextContent(/Unreachable: ssh: connect to host gpu/)
  })

  it('a host: folders suggested from it, the local backend and trust not offered, the request names it', async () => {
    render(<NewSessionDialog onClose={vi.fn()} />)
    await userEvent.selectOptions(await screen.findByLabelText('Runs on'), 'h_dev')
    expect(screen.getByLabelText('Runs in')).toBeDisabled()
    expect(screen.getByLabelText('Runs in')).toHaveDisplayValue('tmux on devbox')
    const folder = screen.getByLabelText('Folder')
    await userEvent.click(folder)
    await userEvent.type(folder, '/home/ana/re')
    // The empty folder's suggestions (asked on focus) may show first: wait for the typed query's.
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('projects.autocomplete', {
        query: '/home/ana/re',
        host: 'h_dev',
      }),
    )
    await screen.findByRole('option', { name: /remote-repo/ })
    await userEvent.click(screen.getByRole('option', { name: /remote-repo/ }))
    await userEvent.click(screen.getByRole('button', { name: 'Start session' }))
    await waitFor(() =>
      expect(createRequest()).toMatchObject({ cwd: '/home/ana/remote-repo', host: 'h_dev' }),
    )
    expect(createRequest()).not.toHaveProperty('backend')
    expect(invoke).not.toHaveBeenCalledWith('projects.trust', expect.anything())
    expect(screen.queryByRole('region', { name: /Trust this folder/ })).not.toBeInTheDocument()
  })

  it("another host's folders are never offered for the host now picked", async () => {
    render(<NewSessionDialog onClose={vi.fn()} />)
    const picker = await screen.findByLabelText('Runs on')
    await userEvent.selectOptions(picker, 'h_dev')
    const folder = screen.getByLabelText('Folder')
    await userEvent.type(folder, '/home/ana/re')
    await screen.findByRole('option', { name: /remote-repo/ })
    await userEvent.selectOptions(picker, 'h_gpu')
    await waitFor(() =>
      expect(invoke).toHaveBeenCalledWith('projects.autocomplete', {
        query: '/home/ana/re',
        host: 'h_gpu',
      }),
    )
    await userEvent.click(folder)
    expect(screen.queryByRole('option', { name: /remote-repo/ })).not.toBeInTheDocument()
  })

  it('this machine: no host in the request, the local backend offered', async () => {
    render(<NewSessionDialog onClose={vi.fn()} />)
    await screen.findByLabelText('Runs on')
    expect(screen.getByLabelText('Runs in')).toBeEnabled()
    await userEvent.type(screen.getByLabelText('Folder'), '/work/repo')
    await userEvent.click(screen.getByRole('button', { name: 'Start session' }))
    await waitFor(() => expect(createRequest()).toMatchObject({ cwd: '/work/repo' }))
    expect(createRequest()).not.toHaveProperty('host')
    expect(createRequest()).toHaveProperty('backend')
  })

  it('no picker without saved hosts', async () => {
    hosts = []
    render(<NewSessionDialog onClose={vi.fn()} />)
    await waitFor(() => expect(invoke).toHaveBeenCalledWith('hosts.list', {}))
    await act(async () => {})
    expect(screen.queryByLabelText('Runs on')).not.toBeInTheDocument()
  })
})
