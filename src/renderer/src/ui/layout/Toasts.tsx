import { CircleAlert, CircleCheck, Info, X } from 'lucide-react'
import { IconButton } from '../common/IconButton'
import { useAppStore } from '../../store'
import './layout.css'

const ICON = { error: CircleAlert, success: CircleCheck, info: Info }

export function Toasts() {
  const toasts = useAppStore((s) => s.toasts)
  const dismiss = useAppStore((s) => s.dismissToast)
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => {
        const Icon = ICON[t.kind]
        return (
          <div
            key={t.id}
            className={`toast toast-${t.kind}`}
            role={t.kind === 'error' ? 'alert' : 'status'}
          >
            <Icon size={16} aria-hidden />
            <span>{t.text}</span>
            <IconButton label="Dismiss" onClick={() => dismiss(t.id)} icon={X} size={14} />
          </div>
        )
      })}
    </div>
  )
}
