/** The `<option>`s of a backend picker (new session, default in settings), named the same way. */
import { BACKENDS, type BackendKind } from '@shared/sessions'

const BACKEND_LABELS: Record<BackendKind, string> = {
  pty: 'Built-in terminal (pty)',
  tmux: 'tmux',
}

export function BackendOptions() {
  return BACKENDS.map((b) => (
    <option key={b} value={b}>
      {BACKEND_LABELS[b]}
    </option>
  ))
}
