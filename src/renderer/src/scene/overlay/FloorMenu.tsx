/**
 * The floor context menu (docs/original.md#draw-mode-labels-and-the-floor-menu): create a zone here, add a text label, or edit/delete
 * the label on this hex. Single-letter keys; closes on Escape, an outside click, or when the
 * pointer moves 150 px away.
 */
import { useEffect, useRef } from 'react'
import { Pencil, Plus, Trash2, Type } from 'lucide-react'
import { useAppStore } from '../../store'
import { core } from '../../transport'
import { useSceneStore } from '../scene-store'
import { keyCap, menuItem, panel } from './styles'

const DISMISS_DISTANCE_PX = 150
const MENU_OFFSET_PX = 10

export function FloorMenu() {
  const menu = useSceneStore((s) => s.floorMenu)
  const createZone = useSceneStore((s) => s.createZoneHandler)
  const tiles = useAppStore((s) => s.tiles)
  const ref = useRef<HTMLDivElement>(null)
  const tile = menu?.tileId ? tiles.find((t) => t.id === menu.tileId) : undefined

  useEffect(() => {
    if (!menu) return
    const close = () => useSceneStore.setState({ floorMenu: null })
    // The menu owns its keys while open (Escape included), ahead of the window's registry.
    const actions: Record<string, () => void> = { escape: close }
    if (createZone) actions.c = () => (close(), createZone(menu.hex))
    if (tile) {
      actions.e = () =>
        useSceneStore.setState({
          floorMenu: null,
          tileEditor: { hex: menu.hex, tileId: tile.id, text: tile.text },
        })
      actions.d = () => {
        close()
        core()
          .invoke('tiles.delete', { id: tile.id })
          .catch(() => useAppStore.getState().toast('error', 'Could not delete the label'))
      }
    } else
      actions.t = () =>
        useSceneStore.setState({
          floorMenu: null,
          tileEditor: { hex: menu.hex, tileId: null, text: '' },
        })
    const onKey = (e: KeyboardEvent) => {
      const act = actions[e.key.toLowerCase()]
      if (act && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault()
        e.stopPropagation()
        act()
      }
    }
    const onMove = (e: PointerEvent) => {
      const box = ref.current?.parentElement?.getBoundingClientRect()
      if (!box) return
      if (
        Math.hypot(e.clientX - box.left - menu.x, e.clientY - box.top - menu.y) >
        DISMISS_DISTANCE_PX
      )
        close()
    }
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) close()
    }
    window.addEventListener('keydown', onKey, true)
    window.addEventListener('pointermove', onMove)
    window.addEventListener('pointerdown', onDown, true)
    return () => {
      window.removeEventListener('keydown', onKey, true)
      window.removeEventListener('pointermove', onMove)
      window.removeEventListener('pointerdown', onDown, true)
    }
  }, [menu, createZone, tile])

  if (!menu) return null
  const item = (
    key: string,
    icon: React.ReactNode,
    text: string,
    onClick: () => void,
    danger = false,
  ) => (
    <button
      type="button"
      style={{ ...menuItem, color: danger ? 'var(--err)' : undefined }}
      onClick={onClick}
    >
      <span style={keyCap}>{key}</span>
      {icon}
      {text}
    </button>
  )
  const close = () => useSceneStore.setState({ floorMenu: null })
  return (
    <div
      ref={ref}
      role="menu"
      data-testid="floor-menu"
      style={{
        ...panel,
        left: menu.x + MENU_OFFSET_PX,
        top: menu.y - MENU_OFFSET_PX,
        padding: '4px 0',
        minWidth: 200,
      }}
    >
      {createZone &&
        item('C', <Plus size={14} />, 'Create zone', () => (close(), createZone(menu.hex)))}
      {tile
        ? [
            <div key="e">
              {item('E', <Pencil size={14} />, `Edit "${tile.text.slice(0, 24)}"`, () =>
                useSceneStore.setState({
                  floorMenu: null,
                  tileEditor: { hex: menu.hex, tileId: tile.id, text: tile.text },
                }),
              )}
            </div>,
            <div key="d">
              {item(
                'D',
                <Trash2 size={14} />,
                'Delete label',
                () => {
                  close()
                  core()
                    .invoke('tiles.delete', { id: tile.id })
                    .catch(() =>
                      useAppStore.getState().toast('error', 'Could not delete the label'),
                    )
                },
                true,
              )}
            </div>,
          ]
        : item('T', <Type size={14} />, 'Add text label', () =>
            useSceneStore.setState({
              floorMenu: null,
              tileEditor: { hex: menu.hex, tileId: null, text: '' },
            }),
          )}
      <div style={{ padding: '4px 12px', color: '#64748b', fontSize: 11 }}>
        Move elsewhere to dismiss
      </div>
    </div>
  )
}
