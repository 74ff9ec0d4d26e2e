/**
 * Debian Chromium for every browser test and benchmark: software WebGL (SwiftShader) and no
 * background network traffic (docs/testing.md#chromium).
 */
export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ?? process.env.ATELIER_CHROMIUM ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
]
