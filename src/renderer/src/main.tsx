// Tokens and global defaults first: component stylesheets, imported by their components, come
// after them in the cascade and may override them at equal specificity.
import './styles/tokens.css'
import './styles/base.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { createTransport } from './transport'
import { startSync } from './store/sync'
import { installKeyboard } from './keyboard/useKeyboard'
import { installVoice } from './voice/controller'
import { attentionQueueSource } from './ui/attention/voice-source'
import { isTalkPress, isTalkRelease } from './voice/talk-key'
import { installSessionColors } from './theme/session-palette'
import { installRefocusAfterDelete } from './ui/sessions/refocus-after-delete'

installSessionColors()
startSync(createTransport())
// Before the first render, so the keybinding registry sees keys ahead of any component listener.
installKeyboard()
// A deleted session's selection and camera move on to a remaining one.
installRefocusAfterDelete()
// Spoken commands act on the pending requests until the fleet's attention queue takes over.
installVoice({ attention: attentionQueueSource, isTalkPress, isTalkRelease })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
