/**
 * Settings › Hosts: adding a host shows the unknown host key's fingerprint and trusts it only on
 * the button; a test shows what the host has; a changed key and removing a host are shown; the
 * list shows each host's health and follows it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { HostCheck, HostEntry } from '@shared/hosts'
import { HOSTS_POLL_MS, HostsSettings } from '../../../src/renderer/src/ui/hosts/HostsSettings'
import { useAppStore } from '../../../src/renderer/src/store'
import { installFakeApi, resetStore, type Invoke } from '../support/ui-harness'

const FINGERPRINT = `SHA256:${'x'.repeat(43)}`
const tools = {
  tmux: { path: '/usr/bin/tmux', version: '3.3a' },
  git: { path: '/usr/bin/git', version: '2.39.5' },
  claude: { path: '/home/me/.local/bin/claude', version: '2.1.332' },
}
const ready: HostCheck = {
  status: 'ready',
  message: 'tmux 3.3a, git 2.39.5, claude 2.1.332; home /home/me; round trip 12.5 ms',
  home: '/home/me',
  latencyMs: 12.5,
  tools,
  missing: [],
}

let invoke: Invoke
let hosts: HostEntry[]
let nextTest: HostCheck
beforeEach(() => {
  resetStore()
  hosts = []
  nextTest = ready
  const stamp = (id: string, check: HostCheck) => {
    hosts = hosts.map((h) =>
      h.id === id
        ? {
            ...h,
            // A test that reached the host leaves its shared connection open.
            connection:
              check.status === 'ready' || check.status === 'incomplete'
                ? 'connected'
                : 'disconnected',
            lastCheck: {
              status: check.status,
              message: check.message,
              checkedAt: 1,
              latencyMs: 'latencyMs' in check ? check.latencyMs : null,
            },
          }
        : h,
    )
  }
  invoke = installFakeApi({
    'hosts.list': () => ({ hosts }),
    'hosts.add': (req) => {
      const { target } = req as { target: string }
      const check: HostCheck = {
        status: 'host-key-unknown',
        message: `${target} offers a host key Atelier has not seen`,
        fingerprint: FINGERPRINT,
        keyType: 'ssh-ed25519',
        canConfirm: true,
      }
      hosts = [
        ...hosts,
        {
          id: 'h_1',
          label: target,
          target,
          addedAt: 1,
          connection: 'disconnected',
          sessions: 0,
          credentialsAvailable: [],
          lastCheck: null,
        },
      ]
      stamp('h_1', check)
      return { host: hosts[0], check }
    },
    'hosts.confirmKey': () => {
      stamp('h_1', ready)
      return ready
    },
    'hosts.test': () => {
      stamp('h_1', nextTest)
      return nextTest
    },
    'hosts.remove': () => {
      hosts = []
      return { ok: true }
    },
    'hosts.update': (req) => {
      const { id, ...patch } = req as {
        id: string
        forwardCredentials?: boolean
        observe?: boolean
      }
      hosts = hosts.map((h) =>
        h.id !== id
          ? h
          : {
              ...h,
              ...patch,
              ...(patch.observe === true ? { observation: { state: 'active' as const } } : {}),
              ...(patch.observe === false ? { observation: undefined } : {}),
            },
      )
      return hosts.find((h) => h.id === id)
    },
  })
})
afterEach(() => cleanup())

describe('Settings › Hosts', () => {
  it('asks before trusting an unknown host key, then shows what the host has', async () => {
    render(<HostsSettings />)
    expect(await screen.findByText('No hosts yet.')).toBeInTheDocument()
    await userEvent.type(screen.getByRole('textbox', { name: 'Host' }), 'me@devbox:2222')
    await userEvent.click(screen.getByRole('button', { name: /Add host/ }))
    expect(invoke).toHaveBeenCalledWith('hosts.add', { target: 'me@devbox:2222' })

    const question = await screen.findByRole('group', { name: 'Host key of me@devbox:2222' })
    expect(within(question).getByText(`ssh-ed25519 ${FINGERPRINT}`)).toBeInTheDocument()
    expect(screen.getByText('Unknown host key')).toBeInTheDocument()
    expect(invoke).not.toHaveBeenCalledWith('hosts.confirmKey', expect.anything())

    await userEvent.click(within(question).getByRole('button', { name: /Trust this key/ }))
    expect(invoke).toHaveBeenCalledWith('hosts.confirmKey', { id: 'h_1', fingerprint: FINGERPRINT })
    const health = await screen.findByTestId('host-health')
    await waitFor(() => expect(health).toHaveTextContent('Connected·12.5 ms·no sessions'))
    expect(screen.getByText(/claude 2\.1\.332; home \/home\/me/)).toBeInTheDocument()
    expect(screen.queryByRole('group', { name: /Host key of/ })).not.toBeInTheDocument()
  })

  it('shows a changed host key as refused, and removes a host', async () => {
    hosts = [
      {
        id: 'h_1',
        label: 'devbox',
        target: 'devbox',
        addedAt: 1,
        connection: 'disconnected',
        sessions: 0,
        credentialsAvailable: [],
        lastCheck: null,
      },
    ]
    nextTest = {
      status: 'host-key-changed',
      message: 'The host key of devbox has CHANGED since it was trusted',
    }
    render(<HostsSettings />)
    expect(await screen.findByText('Not tested since the app started')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Test devbox' }))
    expect(await screen.findByText('Host key changed')).toBeInTheDocument()
    expect(screen.getByText(/has CHANGED since it was trusted/)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Remove devbox' }))
    expect(invoke).toHaveBeenCalledWith('hosts.remove', { id: 'h_1' })
    await waitFor(() => expect(screen.getByText('No hosts yet.')).toBeInTheDocument())
  })

  it('lists each host with its health: connection, round trip, sessions, last error; and follows it', async () => {
    hosts = [
      {
        id: 'h_dev',
        label: 'devbox',
        target: 'ana@devbox',
        addedAt: 1,
        connection: 'connecting',
        sessions: 2,
        credentialsAvailable: [],
        lastCheck: { status: 'ready', message: 'ready', checkedAt: 1, latencyMs: 18 },
      },
      {
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
      },
    ]
    render(<HostsSettings />)
    const dev = await screen.findByRole('listitem', { name: 'devbox' })
    const gpu = screen.getByRole('listitem', { name: 'gpu' })
    expect(within(dev).getByTestId('host-health')).toHaveTextContent('Connecting…·18 ms·2 sessions')
    // A host with sessions cannot be removed: it says why instead of failing.
    expect(within(dev).getByRole('button', { name: 'Remove devbox' })).toBeDisabled()
    expect(within(dev).getByRole('button', { name: 'Remove devbox' })).toHaveAttribute(
      'title',
      expect.stringMatching(/Delete its 2 sessions first/),
    )
    expect(within(gpu).getByTestId('host-health')).toHaveTextContent('Unreachable·no sessions')
    expect(gpu).toHaveTextContent(
      'Last error: ssh: connect to host gpu port 22: Connection timed out',
    )
    expect(within(gpu).getByRole('button', { name: 'Remove gpu' })).toBeEnabled()

    // The connection comes up without anything done in the dialog: the open list follows it.
    hosts = hosts.map((h) => (h.id === 'h_dev' ? { ...h, connection: 'connected' } : h))
    await waitFor(
      () =>
        expect(within(dev).getByTestId('host-health')).toHaveTextContent(
          'Connected·18 ms·2 sessions',
        ),
      { timeout: HOSTS_POLL_MS * 5 },
    )
    expect(useAppStore.getState().hosts.find((h) => h.id === 'h_dev')?.connection).toBe('connected')
  })

  it("sends this machine's Claude credentials to a host only once its switch is on, and says which", async () => {
    hosts = [
      {
        id: 'h_dev',
        label: 'devbox',
        target: 'ana@devbox',
        addedAt: 1,
        connection: 'connected',
        sessions: 0,
        credentialsAvailable: ['ANTHROPIC_API_KEY', 'AWS_REGION'],
        lastCheck: null,
      },
    ]
    render(<HostsSettings />)
    const dev = await screen.findByRole('listitem', { name: 'devbox' })
    const toggle = within(dev).getByRole('switch', {
      name: 'Send my Claude credentials to devbox',
    })
    expect(toggle).not.toBeChecked()
    expect(within(dev).getByTestId('host-credentials-detail')).toHaveTextContent(
      "Sessions there use the host's own Claude login. On, new sessions there get ANTHROPIC_API_KEY, AWS_REGION from this machine.",
    )
    expect(invoke).not.toHaveBeenCalledWith('hosts.update', expect.anything())

    await userEvent.click(toggle)
    expect(invoke).toHaveBeenCalledWith('hosts.update', { id: 'h_dev', forwardCredentials: true })
    await waitFor(() => expect(toggle).toBeChecked())
    expect(within(dev).getByTestId('host-credentials-detail')).toHaveTextContent(
      /New sessions there get ANTHROPIC_API_KEY, AWS_REGION from this machine, in their launch file over ssh \(never in a command line\)/,
    )

    await userEvent.click(toggle)
    expect(invoke).toHaveBeenCalledWith('hosts.update', {
      id: 'h_dev',
      forwardCredentials: false,
    })
    await waitFor(() => expect(toggle).not.toBeChecked())
  })

  it('observes the Claude sessions started by hand on a host only once its switch is on', async () => {
    hosts = [
      {
        id: 'h_dev',
        label: 'devbox',
        target: 'ana@devbox',
        addedAt: 1,
        connection: 'connected',
        sessions: 0,
        credentialsAvailable: [],
        lastCheck: null,
      },
    ]
    render(<HostsSettings />)
    const dev = await screen.findByRole('listitem', { name: 'devbox' })
    const toggle = within(dev).getByRole('switch', {
      name: 'Observe Claude sessions started on devbox',
    })
    expect(toggle).not.toBeChecked()
    expect(within(dev).getByTestId('host-observe-detail')).toHaveTextContent(
      /do not show here\. On, Atelier's hooks are added to the host's ~\/\.claude\/settings\.json \(yours are kept\)/,
    )
    await userEvent.click(toggle)
    expect(invoke).toHaveBeenCalledWith('hosts.update', { id: 'h_dev', observe: true })
    await waitFor(() => expect(toggle).toBeChecked())
    expect(within(dev).getByTestId('host-observe-detail')).toHaveTextContent(
      /show here under the host's name \(read-only\)\. Off removes Atelier's hooks from the host/,
    )
    await userEvent.click(toggle)
    expect(invoke).toHaveBeenCalledWith('hosts.update', { id: 'h_dev', observe: false })
    await waitFor(() => expect(toggle).not.toBeChecked())
  })

  it('says when an observed host has not answered yet, and why', async () => {
    hosts = [
      {
        id: 'h_dev',
        label: 'devbox',
        target: 'ana@devbox',
        addedAt: 1,
        connection: 'disconnected',
        sessions: 0,
        credentialsAvailable: [],
        observe: true,
        observation: { state: 'starting', error: 'ssh: connect to host devbox: No route to host' },
        lastCheck: null,
      },
    ]
    render(<HostsSettings />)
    const dev = await screen.findByRole('listitem', { name: 'devbox' })
    expect(
      within(dev).getByRole('switch', { name: 'Observe Claude sessions started on devbox' }),
    ).toBeChecked()
    expect(within(dev).getByTestId('host-observe-detail')).toHaveTextContent(
      'Waiting for the host to set up observing: ssh: connect to host devbox: No route to host.',
    )
  })
})
