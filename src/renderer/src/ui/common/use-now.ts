/** The current time, re-read every `everyMs` while `active` (countdowns, elapsed times). */
import { useEffect, useState } from 'react'

export function useNow(active: boolean, everyMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    setNow(Date.now())
    const t = window.setInterval(() => setNow(Date.now()), everyMs)
    return () => window.clearInterval(t)
  }, [active, everyMs])
  return now
}
