import { comboKeycaps } from '../../keyboard/combo'
import './keycaps.css'

export function Keycaps({ combo }: { combo: string }) {
  return (
    <span className="keycaps" aria-label={combo}>
      {comboKeycaps(combo).map((k, i) => (
        <kbd key={i}>{k}</kbd>
      ))}
    </span>
  )
}
