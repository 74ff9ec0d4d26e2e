/**
 * Summarises a V8 heap snapshot taken over CDP, for the scene bench: self size by kind (the app's
 * JS objects apart from compiled code, strings and the browser's native objects) and live counts
 * of the classes a leaked zone would leave behind (three.js objects, React fibers). Comparing two
 * summaries says *what* grew, not only that the used heap moved.
 */
import type { CDPSession } from 'playwright-core'

/** Classes a zone owns: if deleting zones leaked, their counts would rise cycle after cycle. */
export const TRACKED_CLASSES = [
  'Mesh',
  'InstancedMesh',
  'Group',
  'Sprite',
  'Points',
  'LineSegments',
  'BufferGeometry',
  'BufferAttribute',
  'MeshStandardMaterial',
  'MeshBasicMaterial',
  'SpriteMaterial',
  'CanvasTexture',
  'FiberNode',
  'HTMLCanvasElement',
] as const

export interface HeapSummary {
  /** Self bytes by kind: JS objects/arrays/closures, strings, compiled code, native (DOM, Blink). */
  bytes: { objects: number; strings: number; code: number; native: number; other: number }
  counts: Record<(typeof TRACKED_CLASSES)[number], number>
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }
  nodes: number[]
  strings: string[]
}

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string'])
const OBJECT_TYPES = new Set(['object', 'closure', 'array', 'regexp', 'number', 'bigint', 'symbol'])

export async function heapSummary(cdp: CDPSession): Promise<HeapSummary> {
  const chunks: string[] = []
  const onChunk = (p: { chunk: string }) => chunks.push(p.chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  try {
    // Taking a snapshot collects garbage first.
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  }
  return summarise(JSON.parse(chunks.join('')) as RawSnapshot)
}

function summarise(s: RawSnapshot): HeapSummary {
  const fields = s.snapshot.meta.node_fields
  const types = s.snapshot.meta.node_types[0]
  const stride = fields.length
  const typeAt = fields.indexOf('type')
  const nameAt = fields.indexOf('name')
  const sizeAt = fields.indexOf('self_size')
  const tracked = new Set<string>(TRACKED_CLASSES)
  const bytes = { objects: 0, strings: 0, code: 0, native: 0, other: 0 }
  const counts = Object.fromEntries(TRACKED_CLASSES.map((c) => [c, 0])) as HeapSummary['counts']
  for (let i = 0; i < s.nodes.length; i += stride) {
    const type = types[s.nodes[i + typeAt]]
    const size = s.nodes[i + sizeAt]
    if (STRING_TYPES.has(type)) bytes.strings += size
    else if (type === 'code') bytes.code += size
    else if (type === 'native') bytes.native += size
    else if (OBJECT_TYPES.has(type)) bytes.objects += size
    else bytes.other += size
    if (type === 'object' || type === 'native') {
      const name = s.strings[s.nodes[i + nameAt]]
      if (tracked.has(name)) counts[name as keyof HeapSummary['counts']]++
    }
  }
  return { bytes, counts }
}

/** b − a for every figure. */
export function heapGrowth(a: HeapSummary, b: HeapSummary): HeapSummary {
  const bytes = { ...b.bytes }
  for (const k of Object.keys(bytes) as (keyof HeapSummary['bytes'])[]) bytes[k] -= a.bytes[k]
  const counts = { ...b.counts }
  for (const k of TRACKED_CLASSES) counts[k] -= a.counts[k]
  return { bytes, counts }
}
