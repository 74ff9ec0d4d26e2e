/**
 * For an effect that asks the core something: hands the answer (or the failure) on only while the
 * effect is current, so an answer that arrives after the component is gone, or after it asked
 * again with newer inputs, never overwrites the newer one. Returns the effect's cleanup.
 */
export function whileCurrent<T>(
  answer: Promise<T>,
  use: (value: T) => void,
  fail: (err: unknown) => void,
): () => void {
  let current = true
  answer
    .then((value) => {
      if (current) use(value)
    })
    .catch((err: unknown) => {
      if (current) fail(err)
    })
  return () => {
    current = false
  }
}
