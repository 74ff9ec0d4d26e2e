/** "Claude is thinking" for working sessions between a prompt and their first tool (docs/original.md#feed). */
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'

export function ThinkingStrip() {
  const filter = useAppStore((s) => s.feedFilter)
  const thinking = useAppStore(
    useShallow((s) =>
      s.sessions.filter(
        (x) => x.status === 'working' && !x.currentTool && (!filter || x.id === filter),
      ),
    ),
  )
  if (thinking.length === 0) return null
  return (
    <div className="thinking" aria-live="polite">
      <span className="dots" aria-hidden>
        <i />
        <i />
        <i />
      </span>
      {thinking.length === 1
        ? `${thinking[0].name} is thinking`
        : `${thinking.length} sessions are thinking`}
    </div>
  )
}
