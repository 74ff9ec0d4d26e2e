/**
 * Markdown from Claude, rendered safely: no raw HTML (react-markdown drops it without rehype-raw),
 * links open through the app's validated openExternal instead of navigating the window, and
 * images are never fetched (a remote image in agent text would be a tracking pixel).
 */
import ReactMarkdown, { type Components } from 'react-markdown'
import { openLink } from '../commands'

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

export function MarkdownRender({ text }: { text: string }) {
  return (
    <ReactMarkdown components={components} skipHtml>
      {text}
    </ReactMarkdown>
  )
}
