/** Compile-time flags, replaced by the bundler (electron.vite.config.ts `define`). */

/** The scene probe for tests and benches (`window.__atelierScene`); false in production builds. */
declare const __SCENE_PROBE__: boolean
