/**
 * The frame every in-app dialog uses (never window.prompt/confirm, which Electron lacks): a
 * labelled modal that takes focus on open, keeps Tab inside, and gives focus back on close.
 * Escape is routed by the keyboard registry, so only the top-most dialog closes.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react'
import { X } from 'lucide-react'
import { IconButton } from '../common/IconButton'
import './dialog.css'

const FOCUSABLE =
  'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])'

export function Dialog({
  title,
  icon,
  onClose,
  children,
  footer,
  wide,
  className,
  closeOnBackdrop = true,
}: {
  title: ReactNode
  icon?: ReactNode
  onClose(): void
  children: ReactNode
  footer?: ReactNode
  wide?: boolean
  className?: string
  closeOnBackdrop?: boolean
}) {
  const titleId = useId()
  const ref = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    const el = ref.current
    const first =
      el?.querySelector<HTMLElement>('[data-autofocus]') ??
      el?.querySelector<HTMLElement>(FOCUSABLE)
    first?.focus()
    return () => previous?.focus?.()
  }, [])

  const trapTab = (e: React.KeyboardEvent) => {
    if (e.key !== 'Tab' || !ref.current) return
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)]
    if (items.length === 0) return
    const first = items[0]
    const last = items[items.length - 1]
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault()
      first.focus()
    }
  }

  return (
    <div
      className="backdrop"
      onMouseDown={(e) => {
        if (closeOnBackdrop && e.target === e.currentTarget) onClose()
      }}
    >
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className={`dialog${wide ? ' wide' : ''}${className ? ` ${className}` : ''}`}
        onKeyDown={trapTab}
      >
        <header className="dialog-head">
          {icon}
          <h2 id={titleId}>{title}</h2>
          <IconButton label="Close" onClick={onClose} icon={X} />
        </header>
        <div className="dialog-body">{children}</div>
        {footer && <footer className="dialog-foot">{footer}</footer>}
      </div>
    </div>
  )
}

/**
 * The usual pair of buttons: a way out (Cancel) and the one action. With `form` the action submits
 * that form; otherwise it calls `onAction`.
 */
export function CancelAndAction({
  cancel = 'Cancel',
  onCancel,
  action,
  onAction,
  form,
  tone = 'primary',
  disabled,
  focusCancel,
}: {
  cancel?: string
  onCancel(): void
  action: ReactNode
  onAction?(): void
  form?: string
  tone?: 'primary' | 'danger'
  disabled?: boolean
  /** For destructive actions: the way out has focus first. */
  focusCancel?: boolean
}) {
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={onCancel}
        data-autofocus={focusCancel || undefined}
      >
        {cancel}
      </button>
      <button
        type={form ? 'submit' : 'button'}
        form={form}
        className={`button ${tone}`}
        disabled={disabled}
        onClick={onAction}
      >
        {action}
      </button>
    </>
  )
}

/** A checkbox with its label and a smaller line that says what it does. */
export function CheckField({
  checked,
  onChange,
  label,
  hint,
}: {
  checked: boolean
  onChange(checked: boolean): void
  label: ReactNode
  hint: ReactNode
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {label}
        <small>{hint}</small>
      </span>
    </label>
  )
}

/** A labelled form row with an optional hint and error. */
export function Field({
  label,
  hint,
  error,
  children,
  htmlFor,
}: {
  label: string
  hint?: ReactNode
  error?: string | null
  children: ReactNode
  htmlFor?: string
}) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : (
        hint && <div className="field-hint">{hint}</div>
      )}
    </div>
  )
}
