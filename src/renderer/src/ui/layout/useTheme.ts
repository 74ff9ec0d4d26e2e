/** Applies the theme setting to <html data-theme>, following the OS when it is "system". */
import { useEffect, useState } from 'react'
import { useAppStore } from '../../store'

/** Remembers the last resolved theme so a reload paints in it before settings arrive. */
export const THEME_STORAGE_KEY = 'atelier.theme'

function systemTheme(): 'light' | 'dark' {
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark'
}

export function useTheme(): 'light' | 'dark' {
  const setting = useAppStore((s) => s.settings?.theme)
  const [system, setSystem] = useState(systemTheme)
  useEffect(() => {
    const mq = window.matchMedia?.('(prefers-color-scheme: light)')
    if (!mq) return
    const on = () => setSystem(mq.matches ? 'light' : 'dark')
    mq.addEventListener('change', on)
    return () => mq.removeEventListener('change', on)
  }, [])
  const stored = localStorage.getItem(THEME_STORAGE_KEY)
  const resolved = setting
    ? setting === 'system'
      ? system
      : setting
    : stored === 'light' || stored === 'dark'
      ? stored
      : // A first run paints dark (the default setting) before the settings arrive.
        'dark'
  useEffect(() => {
    document.documentElement.dataset.theme = resolved
    localStorage.setItem(THEME_STORAGE_KEY, resolved)
  }, [resolved])
  return resolved
}
