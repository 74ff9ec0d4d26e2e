/**
 * Markdown from Claude (see markdown-render.tsx for what is allowed). The parser loads in its own
 * chunk, fetched right after the first paint whether or not a row needs it yet; until it is there
 * a row shows its text as typed.
 */
import { memo, Suspense } from 'react'
import { afterFirstPaint, lazyComponent } from './lazy-component'
import './markdown.css'

const loading = afterFirstPaint().then(() => import('./markdown-render'))
const MarkdownRender = lazyComponent(() => loading.then((m) => m.MarkdownRender))

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="md">
      <Suspense fallback={<p className="md-plain">{text}</p>}>
        <MarkdownRender text={text} />
      </Suspense>
    </div>
  )
})
