/**
 * The session context menu (right-click, the "…" button or Shift+F10). Items have letter keys;
 * it closes on Escape, a click outside, or the pointer moving far away (original: 150 px).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import {
  FolderOpen,
  Info,
  Pencil,
  PiggyBank,
  RotateCcw,
  Square,
  SquareTerminal,
  Trash2,
  type LucideIcon,
} from 'lucide-react'
import { useAppStore } from '../../store'
import { interruptSession, restartSession, revealInFileManager, selectSession } from '../commands'
import './sessions.css'

/** The menu closes when the pointer wanders this far from it. */
export const MENU_DISMISS_DISTANCE_PX = 150
const VIEWPORT_MARGIN_PX = 8

interface Item {
  key: string
  label: string
  icon: LucideIcon
  run(): void
  disabled?: string
  danger?: boolean
}

export function SessionMenu() {
  const menu = useAppStore((s) => s.sessionMenu)
  const session = useAppStore((s) => s.sessions.find((x) => x.id === s.sessionMenu?.sessionId))
  const close = useAppStore((s) => s.openSessionMenu)
  const openDialog = useAppStore((s) => s.openDialog)
  const setTerminalOpen = useAppStore((s) => s.setTerminalOpen)
  const ref = useRef<HTMLDivElement>(null)
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null)

  useLayoutEffect(() => {
    if (!menu || !ref.current) return
    const r = ref.current.getBoundingClientRect()
    setPos({
      left: Math.max(
        VIEWPORT_MARGIN_PX,
        Math.min(menu.x, window.innerWidth - r.width - VIEWPORT_MARGIN_PX),
      ),
      top: Math.max(
        VIEWPORT_MARGIN_PX,
        Math.min(menu.y, window.innerHeight - r.height - VIEWPORT_MARGIN_PX),
      ),
    })
    ref.current.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus()
  }, [menu])

  useEffect(() => {
    if (!menu) return
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) close(null)
    }
    const onMove = (e: MouseEvent) => {
      const r = ref.current?.getBoundingClientRect()
      if (!r) return
      const dx = Math.max(r.left - e.clientX, 0, e.clientX - r.right)
      const dy = Math.max(r.top - e.clientY, 0, e.clientY - r.bottom)
      if (Math.hypot(dx, dy) > MENU_DISMISS_DISTANCE_PX) close(null)
    }
    window.addEventListener('mousedown', onDown)
    window.addEventListener('mousemove', onMove)
    return () => {
      window.removeEventListener('mousedown', onDown)
      window.removeEventListener('mousemove', onMove)
    }
  }, [menu, close])

  if (!menu || !session) return null
  const managed = session.kind === 'managed'
  const notManaged = 'Only for sessions started by Atelier'
  const items: Item[] = [
    {
      key: 'R',
      label: 'Rename…',
      icon: Pencil,
      run: () => openDialog({ kind: 'rename', sessionId: session.id }),
    },
    {
      key: 'I',
      label: 'Zone info',
      icon: Info,
      run: () => openDialog({ kind: 'zoneInfo', sessionId: session.id }),
    },
    {
      key: 'T',
      label: 'Open terminal',
      icon: SquareTerminal,
      disabled: managed ? undefined : notManaged,
      run: () => {
        selectSession(session.id)
        setTerminalOpen(true)
      },
    },
    {
      key: 'X',
      label: 'Interrupt',
      icon: Square,
      disabled: managed ? undefined : notManaged,
      run: () => void interruptSession(session.id),
    },
    {
      key: 'S',
      label: 'Restart',
      icon: RotateCcw,
      disabled: managed ? undefined : notManaged,
      run: () => void restartSession(session.id),
    },
    {
      key: 'B',
      label: 'Priority and budget…',
      icon: PiggyBank,
      run: () => openDialog({ kind: 'rules', sessionId: session.id }),
    },
    {
      key: 'O',
      label: 'Show in file manager',
      icon: FolderOpen,
      run: () => void revealInFileManager(session.cwd),
    },
    {
      key: 'D',
      label: 'Delete…',
      icon: Trash2,
      danger: true,
      run: () => openDialog({ kind: 'delete', sessionId: session.id }),
    },
  ]

  const runItem = (item: Item) => {
    if (item.disabled) return
    close(null)
    item.run()
  }

  const onKeyDown = (e: React.KeyboardEvent) => {
    const buttons = [
      ...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []),
    ]
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
    if (e.key === 'Escape') close(null)
    else if (e.key === 'ArrowDown') buttons[(at + 1) % buttons.length]?.focus()
    else if (e.key === 'ArrowUp') buttons[(at - 1 + buttons.length) % buttons.length]?.focus()
    else {
      const item = items.find(
        (i) => i.key === e.key.toUpperCase() && !e.ctrlKey && !e.metaKey && !e.altKey,
      )
      if (!item) return
      runItem(item)
    }
    e.preventDefault()
  }

  return (
    <div
      ref={ref}
      className="menu"
      role="menu"
      aria-label={`Actions for ${session.name}`}
      style={
        pos ? { left: pos.left, top: pos.top } : { left: menu.x, top: menu.y, visibility: 'hidden' }
      }
      onKeyDown={onKeyDown}
    >
      <div className="menu-title">{session.name}</div>
      {items.map((item) => (
        <button
          type="button"
          role="menuitem"
          key={item.key}
          className={`menu-item${item.danger ? ' danger' : ''}`}
          disabled={Boolean(item.disabled)}
          title={item.disabled}
          onClick={() => runItem(item)}
        >
          <item.icon size={14} aria-hidden />
          <span>{item.label}</span>
          <kbd>{item.key}</kbd>
        </button>
      ))}
    </div>
  )
}
