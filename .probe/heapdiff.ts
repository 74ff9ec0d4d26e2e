/// <reference lib="dom" />
import { writeFileSync } from 'node:fs'
import { startSceneApp } from '../test/e2e/support/scene-app'
import { openScene, waitForScene } from '../test/e2e/support/scene-browser'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const ZONES = 12, CHURN = Number(process.env.CHURN ?? 100)
async function main() {
  const app = await startSceneApp()
  const browser = await openScene(app.url)
  const { page } = browser
  const hook = (sid: string, event: string, extra: Record<string, unknown> = {}) => app.hook({ hook_event_name: event, session_id: sid, cwd: `/tmp/bench/${sid}`, ...extra })
  const zones = Array.from({ length: ZONES }, (_, i) => `zone${i}`)
  for (const z of zones) await hook(z, 'SessionStart', { source: 'startup' })
  await waitForScene(page, (s) => s.zones.length === ZONES, 'zones', 30000)
  const cdp = await browser.context.newCDPSession(page)
  const del = async (id: string) => { const r = await fetch(`http://127.0.0.1:${app.port}/api/sessions.delete`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.token}` }, body: JSON.stringify({ id }) }); if (!r.ok) throw new Error(await r.text()) }
  const churn = async (cycle: number) => {
    for (let i = 0; i < CHURN; i++) await hook(`churn${cycle}-${i}`, 'SessionStart', { source: 'startup' })
    const s = await waitForScene(page, (x) => x.zones.length === ZONES + CHURN, 'more', 60000)
    const keep = new Set(s.labels.filter((l) => /zone\d+$/.test(l.text ?? '')).map((l) => l.id))
    for (const z of s.zones) if (!keep.has(z.id)) await del(z.id)
    await waitForScene(page, (x) => x.zones.length === ZONES, 'gone', 60000)
    await sleep(1000)
  }
  const snap = async (name: string) => {
    await cdp.send('HeapProfiler.collectGarbage'); await sleep(300); await cdp.send('HeapProfiler.collectGarbage')
    const chunks: string[] = []
    const on = (p: { chunk: string }) => chunks.push(p.chunk)
    cdp.on('HeapProfiler.addHeapSnapshotChunk', on)
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
    cdp.off('HeapProfiler.addHeapSnapshotChunk', on)
    writeFileSync(`/tmp/probe/${name}.heapsnapshot`, chunks.join(''))
    console.log(name, (await cdp.send('Runtime.getHeapUsage')).usedSize)
  }
  await cdp.send('HeapProfiler.enable')
  await churn(0); await churn(1)
  await snap('A')
  await churn(2); await churn(3)
  await snap('B')
  await browser.close(); await app.close()
}
main().catch((e) => { console.error(e); process.exitCode = 1 })
