/** The update checker against a real HTTP feed on 127.0.0.1, including broken ones. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createFeedUpdateSource, feedFileName } from '../../../src/main/shell/updater'
import { HANG_TIMEOUT_MS } from '../../support/patience'

function feedYaml(version: string, extra = ''): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: Atelier-${version}.AppImage`,
    '    sha512: c2hhNTEyLXBsYWNlaG9sZGVy',
    '    size: 123456',
    `path: Atelier-${version}.AppImage`,
    'sha512: c2hhNTEyLXBsYWNlaG9sZGVy',
    "releaseDate: '2026-11-20T10:00:00.000Z'",
    extra,
  ].join('\n')
}

/** Path → response body (or a behaviour); anything else is a 404. */
let routes: Record<string, string | 'hang'> = {}
let server: Server
let base: string
const hanging = new Set<import('node:http').ServerResponse>()

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes[req.url ?? '']
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>')
    } else if (route === 'hang') {
      hanging.add(res) // never answers
    } else {
      res.writeHead(200, { 'content-type': 'text/yaml' }).end(route)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed/`
})
afterAll(async () => {
  for (const res of hanging) res.destroy()
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  routes = {}
})

const source = (
  currentVersion: string,
  platform: 'linux' | 'darwin' = 'linux',
  timeoutMs = HANG_TIMEOUT_MS,
) => createFeedUpdateSource({ feedUrl: base, currentVersion, platform, arch: 'x64', timeoutMs })

describe('feed file names', () => {
  it('follows electron-builder’s naming', () => {
    expect(feedFileName('latest', 'linux', 'x64')).toBe('latest-linux.yml')
    expect(feedFileName('latest', 'linux', 'arm64')).toBe('latest-linux-arm64.yml')
    expect(feedFileName('latest', 'darwin', 'arm64')).toBe('latest-mac.yml')
    expect(feedFileName('beta', 'darwin', 'x64')).toBe('beta-mac.yml')
  })
})

describe('update check against a local feed', () => {
  it('finds a newer version, with its notes and date', async () => {
    routes['/feed/latest-linux.yml'] = feedYaml(
      '0.2.0',
      "releaseNotes: 'Faster scene, fixed tray.'",
    )
    await expect(source('0.1.0').check('stable')).resolves.toEqual({
      kind: 'available',
      version: '0.2.0',
      releaseNotes: 'Faster scene, fixed tray.',
      releaseDate: '2026-11-20T10:00:00.000Z',
    })
  })

  it('reads the macOS feed on macOS', async () => {
    routes['/feed/latest-mac.yml'] = feedYaml('1.0.0')
    await expect(source('0.9.0', 'darwin').check('stable')).resolves.toMatchObject({
      kind: 'available',
      version: '1.0.0',
    })
  })

  it('ignores the same version and older ones', async () => {
    routes['/feed/latest-linux.yml'] = feedYaml('0.2.0')
    await expect(source('0.2.0').check('stable')).resolves.toEqual({ kind: 'none' })
    await expect(source('0.3.0').check('stable')).resolves.toEqual({ kind: 'none' })
  })

  it('stable ignores a prerelease; beta takes it', async () => {
    routes['/feed/latest-linux.yml'] = feedYaml('0.2.0')
    routes['/feed/beta-linux.yml'] = feedYaml('0.3.0-beta.1')
    await expect(source('0.2.0').check('stable')).resolves.toEqual({ kind: 'none' })
    await expect(source('0.2.0').check('beta')).resolves.toMatchObject({
      kind: 'available',
      version: '0.3.0-beta.1',
    })
  })

  it('stable ignores a prerelease even when it sits in latest-*.yml', async () => {
    routes['/feed/latest-linux.yml'] = feedYaml('0.3.0-beta.2')
    await expect(source('0.2.0').check('stable')).resolves.toEqual({ kind: 'none' })
  })

  it('beta takes a stable release that is newer than every beta', async () => {
    routes['/feed/latest-linux.yml'] = feedYaml('0.3.0')
    routes['/feed/beta-linux.yml'] = feedYaml('0.3.0-beta.4')
    await expect(source('0.3.0-beta.2').check('beta')).resolves.toMatchObject({
      kind: 'available',
      version: '0.3.0',
    })
  })

  it('beta without a beta feed falls back to stable quietly', async () => {
    routes['/feed/latest-linux.yml'] = feedYaml('0.2.0')
    await expect(source('0.1.0').check('beta')).resolves.toMatchObject({
      kind: 'available',
      version: '0.2.0',
    })
  })

  it('joins per-version release notes', async () => {
    routes['/feed/latest-linux.yml'] = feedYaml(
      '0.2.0',
      [
        'releaseNotes:',
        '  - version: 0.2.0',
        '    note: Second',
        '  - version: 0.1.5',
        '    note: First',
      ].join('\n'),
    )
    const result = await source('0.1.0').check('stable')
    expect(result).toMatchObject({
      kind: 'available',
      releaseNotes: '0.2.0\nSecond\n\n0.1.5\nFirst',
    })
  })
})

describe('bad feeds are reported, never thrown', () => {
  it('404', async () => {
    const result = await source('0.1.0').check('stable')
    expect(result.kind).toBe('error')
    expect(result.kind === 'error' && result.message).toMatch(/latest-linux\.yml: HTTP 404/)
  })

  it('garbage YAML', async () => {
    routes['/feed/latest-linux.yml'] = 'version: [unclosed\n  : : :'
    const result = await source('0.1.0').check('stable')
    expect(result.kind === 'error' && result.message).toMatch(/not valid YAML/)
  })

  it('an HTML page served as 200', async () => {
    routes['/feed/latest-linux.yml'] = '<!doctype html><html><body>Maintenance</body></html>'
    const result = await source('0.1.0').check('stable')
    expect(result.kind === 'error' && result.message).toMatch(/not an update feed/)
  })

  it('missing fields', async () => {
    routes['/feed/latest-linux.yml'] = 'version: 0.2.0\npath: Atelier.AppImage\n'
    const result = await source('0.1.0').check('stable')
    expect(result.kind === 'error' && result.message).toMatch(/not an update feed \(files:/)
  })

  it('a version that is not semver', async () => {
    routes['/feed/latest-linux.yml'] = feedYaml('next-tuesday')
    await expect(source('0.1.0').check('stable')).resolves.toEqual({ kind: 'none' })
  })

  it('a server that never answers times out', async () => {
    routes['/feed/latest-linux.yml'] = 'hang'
    const result = await source('0.1.0', 'linux', 300).check('stable')
    expect(result.kind === 'error' && result.message).toMatch(/no answer within 300 ms/)
  })

  it('a refused connection', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const result = await createFeedUpdateSource({
      feedUrl: `http://127.0.0.1:${port}/`,
      currentVersion: '0.1.0',
      platform: 'linux',
      arch: 'x64',
    }).check('stable')
    expect(result.kind === 'error' && result.message).toMatch(/ECONNREFUSED/)
  })

  it('an oversized response', async () => {
    routes['/feed/latest-linux.yml'] = feedYaml('0.2.0') + '\n#' + 'x'.repeat(300 * 1024)
    const result = await source('0.1.0').check('stable')
    expect(result.kind === 'error' && result.message).toMatch(/larger than/)
  })

  it('plain http to a remote host is refused before any request', async () => {
    const result = await createFeedUpdateSource({
      feedUrl: 'http://updates.example.com/atelier/',
      currentVersion: '0.1.0',
      platform: 'linux',
      arch: 'x64',
    }).check('stable')
    expect(result.kind === 'error' && result.message).toMatch(/must be https/)
  })
})
