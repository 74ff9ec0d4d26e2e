import { z } from 'zod'
import { channel, Empty } from './define'

/** A page URL for the headless UI: it carries a single-use ticket, never the app token. */
const PageUrl = z.object({ url: z.string().nullable() })

export const authChannels = {
  'auth.pageUrl': channel(
    'A one-time page URL for the headless UI (null when no page is served)',
    Empty,
    PageUrl,
  ),
  'auth.rotate': channel(
    'Replace the app and observer tokens: scripts and open pages must authenticate again; the returned one-time URL opens the headless UI',
    Empty,
    PageUrl,
  ),
} as const
