import { z } from 'zod'

/** An invoke channel: a request schema and a response schema. */
export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req
  response: Res
  /** Human description, surfaced in errors and docs. */
  summary: string
}

export function channel<Req extends z.ZodType, Res extends z.ZodType>(
  summary: string,
  request: Req,
  response: Res,
): ChannelDef<Req, Res> {
  return { summary, request, response }
}

export const Ok = z.object({ ok: z.literal(true) })
export const Empty = z.object({}).strict()
export const Id = z.object({ id: z.string().min(1).max(200) }).strict()

/** The one error shape every transport returns. */
export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]
export const ApiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  field: z.string().optional(),
})
export type ApiErrorBody = z.infer<typeof ApiErrorSchema>

/** Thrown by handlers; transports turn it into `{error:{code,message,field?}}`. */
export class ApiError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly field?: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
  toJSON(): ApiErrorBody {
    return this.field
      ? { code: this.code, message: this.message, field: this.field }
      : { code: this.code, message: this.message }
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
}

/** Turns a zod failure into an ApiError naming the first offending field. */
export function zodToApiError(error: z.ZodError, prefix = ''): ApiError {
  const issue = error.issues[0]
  const field = issue ? [prefix, ...issue.path.map(String)].filter(Boolean).join('.') : prefix
  const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'invalid request'
  return new ApiError('bad_request', message, field || undefined)
}
