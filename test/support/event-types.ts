/** Every canonical event type, read from the schema (so a new type is covered by the tests that loop over them). */
import { CanonicalEventSchema, type EventType } from '@shared/events'

export const EVENT_TYPES = CanonicalEventSchema.options.map(
  (o) => o.shape.type.value,
) as EventType[]
