/** A button that shows only an icon: its label is what screen readers say. */
import type { ButtonHTMLAttributes } from 'react'
import type { LucideIcon } from 'lucide-react'

interface IconButtonProps extends Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'children' | 'type' | 'aria-label'
> {
  label: string
  icon: LucideIcon
  /** Icon size in px. */
  size?: number
  'data-testid'?: string
}

export function IconButton({ label, icon: Icon, size = 16, className, ...rest }: IconButtonProps) {
  return (
    <button
      type="button"
      className={className ? `icon-button ${className}` : 'icon-button'}
      aria-label={label}
      {...rest}
    >
      <Icon size={size} />
    </button>
  )
}
