/** The `<option>`s of a backend picker (new session, default in settings), named the same way. */
import { LOCAL_BACKENDS, type LocalBackendKind } from '@shared/sessions'

const BACKEND_LABELS: Record<LocalBackendKind, string> = {
  pty: 'Built-in terminal (pty)',
  tmux: 'tmux',
}

export function BackendOptions() {
  return LOCAL_BACKENDS.map((b) => (
    <option key={b} value={b}>
      {BACKEND_LABELS[b]}
    </option>
  ))
}
