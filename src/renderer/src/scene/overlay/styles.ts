/** Inline styles of the scene's DOM overlays (the scene owns no stylesheet). */
import type { CSSProperties } from 'react'

export const panel: CSSProperties = {
  position: 'absolute',
  background: 'rgba(8, 12, 20, 0.92)',
  border: '1px solid rgba(74, 200, 232, 0.45)',
  borderRadius: 8,
  color: '#e2e8f0',
  font: '13px/1.4 Inter, "Segoe UI", Arial, sans-serif',
  boxShadow: '0 8px 24px rgba(0,0,0,0.45)',
  zIndex: 5,
}

export const menuItem: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: 8,
  width: '100%',
  padding: '6px 12px',
  background: 'none',
  border: 'none',
  color: 'inherit',
  font: 'inherit',
  textAlign: 'left',
  cursor: 'pointer',
}

export const keyCap: CSSProperties = {
  display: 'inline-block',
  minWidth: 16,
  padding: '0 4px',
  border: '1px solid #475569',
  borderRadius: 4,
  fontSize: 11,
  textAlign: 'center',
  color: '#94a3b8',
}
