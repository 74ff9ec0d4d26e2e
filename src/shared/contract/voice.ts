import { z } from 'zod'
import { channel, Ok } from './define'
import { VOICE_ENCODING, VOICE_MAX_SAMPLE_RATE, VOICE_MIN_SAMPLE_RATE } from '../voice-audio'
import { VoiceErrorSchema, VoiceKeySchema, VoiceProviderSchema, VoiceStatusSchema } from '../voice'

const StreamId = z.object({ streamId: z.number().int().min(1) }).strict()

export const voiceChannels = {
  'voice.status': channel(
    'Speech-to-text provider and whether its API key is set (never the key itself)',
    z.object({}).strict(),
    VoiceStatusSchema,
  ),
  'voice.setKey': channel(
    "Save the provider's API key (OS keychain in the desktop app, a 0600 file in headless mode)",
    z.object({ provider: VoiceProviderSchema, key: VoiceKeySchema }).strict(),
    VoiceStatusSchema,
  ),
  'voice.clearKey': channel(
    'Forget the saved API key (an environment variable, if set, still applies)',
    z.object({ provider: VoiceProviderSchema }).strict(),
    VoiceStatusSchema,
  ),
  'voice.start': channel(
    'Open a dictation stream; audio frames for its id follow on the transport',
    z
      .object({
        encoding: z.literal(VOICE_ENCODING),
        sampleRate: z.number().int().min(VOICE_MIN_SAMPLE_RATE).max(VOICE_MAX_SAMPLE_RATE),
        channels: z.literal(1),
      })
      .strict(),
    z.object({ streamId: z.number().int().min(1) }),
  ),
  'voice.stop': channel(
    'End a stream: the provider finishes what it heard; answers with the final transcript',
    StreamId,
    z.object({
      transcript: z.string(),
      /** Set when the stream failed; the transcript then holds what was heard before. */
      error: VoiceErrorSchema.optional(),
    }),
  ),
  'voice.cancel': channel('Drop a stream and everything it heard', StreamId, Ok),
} as const
