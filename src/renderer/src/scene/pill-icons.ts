/**
 * Lucide icons drawn into canvases (notification pills). The icon component is rendered once
 * into a detached element and its SVG shapes turned into Path2D, so drawing is synchronous.
 */
import { createElement, type ComponentType } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import {
  BookOpen,
  CircleHelp,
  CircleX,
  FilePen,
  FolderSearch,
  Globe,
  ListChecks,
  NotebookPen,
  Pencil,
  Rocket,
  Search,
  ShieldAlert,
  Telescope,
  Wrench,
  Zap,
  type LucideProps,
} from 'lucide-react'
import type { PillIcon } from './mapping'

const ICONS: Record<PillIcon, ComponentType<LucideProps>> = {
  BookOpen,
  Pencil,
  FilePen,
  Search,
  FolderSearch,
  Zap,
  Globe,
  Telescope,
  Rocket,
  ListChecks,
  CircleHelp,
  NotebookPen,
  Wrench,
  CircleX,
  ShieldAlert,
}

const cache = new Map<PillIcon, string[]>()

/** SVG path strings of an icon in its 24×24 box. */
function shapeToPath(el: Element): string | null {
  const n = (k: string) => Number(el.getAttribute(k) ?? 0)
  switch (el.tagName.toLowerCase()) {
    case 'path':
      return el.getAttribute('d')
    case 'circle': {
      const r = n('r')
      return `M${n('cx') - r} ${n('cy')}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`
    }
    case 'line':
      return `M${n('x1')} ${n('y1')}L${n('x2')} ${n('y2')}`
    case 'rect': {
      const x = n('x')
      const y = n('y')
      return `M${x} ${y}h${n('width')}v${n('height')}h${-n('width')}Z`
    }
    case 'polyline':
    case 'polygon': {
      const pts = (el.getAttribute('points') ?? '').trim()
      return pts ? `M${pts.replace(/\s+/g, ' ')}${el.tagName === 'polygon' ? 'Z' : ''}` : null
    }
    default:
      return null
  }
}

export function iconPathData(name: PillIcon): string[] {
  const hit = cache.get(name)
  if (hit) return hit
  const host = document.createElement('div')
  const root = createRoot(host)
  flushSync(() => root.render(createElement(ICONS[name])))
  const paths = [...host.querySelectorAll('svg *')].map(shapeToPath).filter((d): d is string => !!d)
  root.unmount()
  cache.set(name, paths)
  return paths
}

/** Strokes the icon at (x, y) with side `size` px. */
export function drawIcon(
  ctx: CanvasRenderingContext2D,
  name: PillIcon,
  x: number,
  y: number,
  size: number,
  color: string,
): void {
  if (typeof Path2D === 'undefined') return
  ctx.save()
  ctx.translate(x, y)
  ctx.scale(size / 24, size / 24)
  ctx.strokeStyle = color
  ctx.lineWidth = 2
  ctx.lineCap = 'round'
  ctx.lineJoin = 'round'
  for (const d of iconPathData(name)) ctx.stroke(new Path2D(d))
  ctx.restore()
}
