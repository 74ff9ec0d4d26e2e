import { Workshop } from './scene/Workshop'
import { Feed } from './ui/Feed'

export function App() {
  return (
    <div className="app">
      <div className="scene-pane">
        <Workshop />
      </div>
      <aside className="side-pane">
        <Feed />
      </aside>
    </div>
  )
}
