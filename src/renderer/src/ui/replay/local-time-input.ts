/** Instants in <input type="datetime-local" step="1">, which shows and takes local time. */

const pad = (n: number) => String(n).padStart(2, '0')

/** ms since the epoch → the input's value, to the second. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** The input's value → ms since the epoch; NaN when empty or malformed. */
export function fromLocalInput(value: string): number {
  return value ? new Date(value).getTime() : Number.NaN
}
