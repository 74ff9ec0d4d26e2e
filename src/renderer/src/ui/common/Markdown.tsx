/**
 * Markdown from Claude, rendered safely: no raw HTML (react-markdown drops it without rehype-raw),
 * links open through the app's validated openExternal instead of navigating the window, and
 * images are never fetched (a remote image in agent text would be a tracking pixel).
 */
import { memo } from 'react'
import ReactMarkdown, { type Components } from 'react-markdown'
import { openLink } from '../commands'
import './markdown.css'

const components: Components = {
  a: ({ href, children }) => (
    <a
      href={href}
      onClick={(e) => {
        e.preventDefault()
        if (href) void openLink(href)
      }}
      rel="noreferrer noopener"
    >
      {children}
    </a>
  ),
  img: ({ alt, src }) => <span className="md-image">[image: {alt || src}]</span>,
}

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="md">
      <ReactMarkdown components={components} skipHtml>
        {text}
      </ReactMarkdown>
    </div>
  )
})
