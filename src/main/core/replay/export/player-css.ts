/**
 * The exported player's stylesheet: the app's colours for both themes (the values of
 * renderer/src/styles/tokens.css), a page that fits one screen, the workshop's zones by state.
 */
export const PLAYER_CSS = `
:root {
  color-scheme: dark;
  --bg: #0d0f14; --panel: #151923; --lane: #1b2030; --text: #e6e9f0; --muted: #8a93a6;
  --border: #262c3b; --accent: #7aa2ff; --ok: #4ade80; --warn: #fbbf24; --err: #f87171;
  --floor-alpha: 0.16; --robot: #e6e9f0; --robot-eye: #0d0f14;
  --font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
}
:root[data-theme='light'] {
  color-scheme: light;
  --bg: #f4f5f8; --panel: #ffffff; --lane: #eef0f5; --text: #1b1f2a; --muted: #5d6577;
  --border: #d9dde6; --accent: #3b6cf0; --ok: #15803d; --warn: #b45309; --err: #dc2626;
  --floor-alpha: 0.22; --robot: #1b1f2a; --robot-eye: #ffffff;
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body {
  display: grid; grid-template-rows: auto 1fr auto; background: var(--bg); color: var(--text);
  font: 13px/1.4 var(--font);
}
[hidden] { display: none !important; }
.muted { color: var(--muted); }
.top {
  display: flex; align-items: center; gap: 12px; padding: 8px 12px; flex-wrap: wrap;
  background: var(--panel); border-bottom: 1px solid var(--border);
}
.top #theme { margin-left: auto; }
.badge {
  font-weight: 700; letter-spacing: 0.08em; padding: 2px 8px; border-radius: 4px;
  background: var(--warn); color: #000;
}
main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(260px, 34%); min-height: 0; }
#workshop { width: 100%; height: 100%; min-height: 0; outline: 3px solid var(--warn); outline-offset: -3px; }
.feed-pane { border-left: 1px solid var(--border); overflow: hidden; display: flex; flex-direction: column; }
#feed { list-style: none; margin: 0; padding: 6px 0; overflow-y: auto; flex: 1; contain: strict; display: flex; flex-direction: column-reverse; }
.row { display: grid; grid-template-columns: auto auto 1fr; gap: 8px; padding: 3px 10px; align-items: baseline; content-visibility: auto; contain-intrinsic-size: auto 24px; }
.row-time { color: var(--muted); font-variant-numeric: tabular-nums; font-size: 12px; }
.row-session { color: var(--hue); font-weight: 600; white-space: nowrap; max-width: 12em; overflow: hidden; text-overflow: ellipsis; }
.row-text { overflow-wrap: anywhere; }
.row.tone-fail .row-text { color: var(--err); }
.row.tone-wait .row-text { color: var(--warn); }
.row.tone-done .row-text, .row.tone-info .row-text { color: var(--muted); }
.row.empty { display: block; color: var(--muted); }
.bar { background: var(--panel); border-top: 1px solid var(--border); padding: 8px 12px; display: grid; gap: 6px; }
.controls { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
#speeds { display: flex; gap: 2px; }
#clock { font-variant-numeric: tabular-nums; white-space: nowrap; }
#player-state { color: var(--muted); }
#scrubber { width: 100%; accent-color: var(--warn); }
#timeline { position: relative; cursor: pointer; }
#lanes { display: block; width: 100%; }
#playhead { position: absolute; top: 0; bottom: 0; width: 2px; background: var(--warn); pointer-events: none; }
.button {
  display: inline-flex; align-items: center; gap: 6px; padding: 4px 10px; border-radius: 6px;
  border: 1px solid var(--border); background: var(--lane); color: var(--text); font: inherit; cursor: pointer;
}
.button.icon { padding: 4px 6px; }
.button:hover { border-color: var(--accent); }
.button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.button[aria-pressed='true'] { border-color: var(--warn); color: var(--warn); }
.icon { display: block; }
.zone .floor { fill: var(--hue); fill-opacity: var(--floor-alpha); stroke: var(--hue); stroke-width: 0.45; }
.zone .station { opacity: 0.45; }
.zone .station[data-active='true'] { opacity: 1; stroke: var(--text); stroke-width: 0.15; }
.zone .robot { transition: transform 0.35s ease-out; }
.zone .robot-body { fill: var(--robot); stroke: var(--hue); stroke-width: 0.3; }
.zone .robot-eye { fill: var(--robot-eye); }
.zone text { text-anchor: middle; fill: var(--text); font-family: var(--font); }
.zone .zone-name { font-size: 1.05px; font-weight: 700; }
.zone .zone-status { font-size: 0.85px; }
.zone .zone-subagents { font-size: 0.75px; fill: var(--muted); }
.zone[data-state='permission'] .floor, .zone[data-state='question'] .floor, .zone[data-state='screen'] .floor { stroke: var(--warn); stroke-width: 0.7; }
.zone[data-state='failed'] .floor { stroke: var(--err); stroke-width: 0.7; }
.zone[data-state='failed'] .zone-status { fill: var(--err); }
.zone[data-state='permission'] .zone-status, .zone[data-state='question'] .zone-status { fill: var(--warn); }
.zone[data-state='finished'] .zone-status { fill: var(--ok); }
.zone[data-state='not-started'] .floor, .zone[data-state='offline'] .floor { stroke-dasharray: 0.8 0.6; fill-opacity: 0.05; }
.zone[data-state='not-started'] .robot, .zone[data-state='offline'] .robot { opacity: 0.35; }
@media (max-width: 800px) { main { grid-template-columns: 1fr; grid-template-rows: 1fr 30%; } .feed-pane { border-left: 0; border-top: 1px solid var(--border); } }
`
