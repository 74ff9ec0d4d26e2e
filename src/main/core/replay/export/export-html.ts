/**
 * The exported file: one HTML page with its stylesheet, its player (player.ts, copied in as
 * source) and its document (export-format.ts, inlined as JSON). A Content-Security-Policy lets
 * the page run only its own script and style and fetch nothing at all, so it works from file://
 * with no network and cannot leak what it shows.
 */
import { createHash } from 'node:crypto'
import type { ExportDocument } from './export-format'
import { iconSvg } from './player-icons'
import { replayPlayer } from './player'
import { PLAYER_CSS } from './player-css'

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** JSON that cannot end the <script> element holding it (nor be read as an HTML comment). */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/**
 * The player's source as the page runs it. Some TypeScript runners (tsx, in tests) wrap named
 * functions in a `__name` helper; the page gets a harmless one so the copied source runs as is.
 */
export function playerScript(): string {
  return `(function () {\n  var __name = function (target) { return target }\n  ;(${replayPlayer.toString()})(window)\n})()\n`
}

const sha256 = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

export function exportHtml(document: ExportDocument, title: string): string {
  const script = playerScript()
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(PLAYER_CSS)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
  return `<!doctype html>
<html lang="en" data-theme="dark" data-state="paused">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Atelier ${escapeHtml(document.appVersion)}">
<title>${escapeHtml(title)}</title>
<style>${PLAYER_CSS}</style>
</head>
<body>
<header class="top">
  <span class="badge">REPLAY</span>
  <strong>Atelier</strong>
  <span id="range"></span>
  <span id="counts" class="muted"></span>
  <span id="redaction" class="muted"></span>
  <button id="theme" class="button icon" type="button" aria-label="Switch theme"><span id="theme-dark">${iconSvg('moon')}</span><span id="theme-light">${iconSvg('sun')}</span></button>
</header>
<main>
  <svg id="workshop" role="img" aria-label="The workshop: one zone per session"></svg>
  <section class="feed-pane" aria-label="Feed"><ol id="feed"></ol></section>
</main>
<footer class="bar">
  <div class="controls">
    <button id="play" class="button icon" type="button" aria-label="Play"><span id="play-icon">${iconSvg('play')}</span><span id="pause-icon" hidden>${iconSvg('pause')}</span></button>
    <button id="step" class="button icon" type="button" aria-label="Step one event">${iconSvg('step-forward')}</button>
    <div id="speeds" role="group" aria-label="Speed"></div>
    <button id="skip-idle" class="button" type="button" aria-pressed="false" title="Jump over stretches where nothing happened">${iconSvg('skip-forward')} Skip idle</button>
    <time id="clock"></time>
    <span id="player-state" aria-live="polite"></span>
  </div>
  <input id="scrubber" type="range" step="1" aria-label="Replay position">
  <div id="timeline"><canvas id="lanes"></canvas><div id="playhead"></div></div>
</footer>
<script type="application/json" id="atelier-replay-data">${scriptSafeJson(document)}</script>
<script>${script}</script>
</body>
</html>
`
}
