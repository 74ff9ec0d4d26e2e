import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { createTransport } from './transport'
import { startSync } from './store/sync'
import './styles/base.css'
import './styles/app.css'

startSync(createTransport())

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
