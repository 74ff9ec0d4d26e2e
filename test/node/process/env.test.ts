/**
 * Child processes get the allow-listed part of the app's environment and what the caller passes;
 * the app's other variables (other tools' tokens, test settings) never reach them.
 */
import { describe, expect, it } from 'vitest'
import { buildChildEnv } from '../../../src/main/core/process/env'

describe('buildChildEnv', () => {
  const source = {
    PATH: '/usr/bin',
    HOME: '/home/u',
    LC_ALL: 'C.UTF-8',
    ANTHROPIC_API_KEY: 'for claude',
    GITHUB_TOKEN: 'not for children',
    ATELIER_TEST_MARK: 'not for children either',
    NPM_CONFIG_USERCONFIG: '/home/u/.npmrc',
  }

  it('passes only allow-listed names from the app environment', () => {
    expect(buildChildEnv({}, source)).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/u',
      LC_ALL: 'C.UTF-8',
      ANTHROPIC_API_KEY: 'for claude',
    })
  })

  it("applies the caller's variables last: they are added, override, or remove", () => {
    expect(
      buildChildEnv({ ATELIER_SESSION_ID: 's1', PATH: '/opt/bin', HOME: undefined }, source),
    ).toEqual({
      PATH: '/opt/bin',
      LC_ALL: 'C.UTF-8',
      ANTHROPIC_API_KEY: 'for claude',
      ATELIER_SESSION_ID: 's1',
    })
  })
})
