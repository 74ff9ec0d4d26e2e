/** The building blocks of a settings tab: a labelled row, an on/off switch, a number field. */
import { useEffect, useState, type ReactNode } from 'react'

export function Row({
  label,
  hint,
  children,
}: {
  label: string
  hint?: ReactNode
  children: ReactNode
}) {
  return (
    <div className="setting">
      <div className="setting-text">
        <div className="setting-label">{label}</div>
        {hint && <div className="setting-hint">{hint}</div>}
      </div>
      <div className="setting-control">{children}</div>
    </div>
  )
}

export function Toggle({
  checked,
  onChange,
  label,
}: {
  checked: boolean
  onChange(v: boolean): void
  label: string
}) {
  return (
    <label className="switch">
      <input
        type="checkbox"
        role="switch"
        checked={checked}
        aria-label={label}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span className="switch-track" aria-hidden />
    </label>
  )
}

/** A number saved on blur or Enter, with the schema's bounds shown and enforced. */
export function NumberSetting({
  value,
  min,
  max,
  step = 1,
  label,
  onCommit,
}: {
  value: number
  min: number
  max: number
  step?: number
  label: string
  onCommit(v: number): void
}) {
  const [text, setText] = useState(String(value))
  useEffect(() => setText(String(value)), [value])
  const n = Number(text)
  const valid = text.trim() !== '' && Number.isFinite(n) && n >= min && n <= max
  const commit = () => {
    if (valid && n !== value) onCommit(n)
    else if (!valid) setText(String(value))
  }
  return (
    <input
      type="number"
      aria-label={label}
      className={valid ? undefined : 'invalid'}
      value={text}
      min={min}
      max={max}
      step={step}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  )
}
