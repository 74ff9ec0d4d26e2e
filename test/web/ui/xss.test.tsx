/** No HTML from events or user text is ever interpreted: it shows as text, nothing executes. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render } from '@testing-library/react'
import { App } from '../../../src/renderer/src/App'
import { useAppStore } from '../../../src/renderer/src/store'
import { ev, installFakeApi, resetStore, session } from '../support/ui-harness'

vi.mock('../../../src/renderer/src/scene/Workshop', () => ({ Workshop: () => null }))

const PAYLOAD = '<img src=x onerror="window.__xss=1">'

beforeEach(() => {
  resetStore()
  installFakeApi()
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800)
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(500)
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('untrusted text', () => {
  it('in a prompt, a tool input, assistant markdown and a session name stays text', async () => {
    useAppStore.getState().setSessions([session({ id: 's1', name: PAYLOAD, lastPrompt: PAYLOAD })])
    useAppStore.getState().replaceEvents([
      ev('prompt', { text: PAYLOAD }),
      ev('tool.start', { toolUseId: 't', tool: 'Bash', input: { command: `echo '${PAYLOAD}'` } }),
      ev('tool.end', {
        toolUseId: 't',
        tool: 'Bash',
        input: { command: PAYLOAD },
        success: true,
        output: { stdout: PAYLOAD, stderr: '' },
      }),
      ev('assistant.text', { text: `Here: ${PAYLOAD} and [a link](javascript:alert(1))` }),
      ev('stop', { text: `<script>window.__xss=2</script> **bold** ${PAYLOAD}` }),
    ])
    const { container, findAllByTestId } = render(<App />)
    await findAllByTestId('feed-item')
    expect(container.querySelectorAll('img, script, iframe')).toHaveLength(0)
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined()
    expect(container.textContent).toContain(PAYLOAD)
    for (const a of container.querySelectorAll('a'))
      expect(a.getAttribute('href') ?? '').not.toMatch(/^javascript:/i)
    // The card and the prompt target show the name as text.
    expect(container.querySelector('.card-name')?.textContent).toBe(PAYLOAD)
  })
})
