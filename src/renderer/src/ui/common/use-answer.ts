/**
 * The answer to a question for the core, asked again whenever `deps` change; null until the first
 * answer, `failed` when asking fails. A late answer to an older question is dropped (whileCurrent).
 */
import { useEffect, useState, type DependencyList } from 'react'
import { whileCurrent } from './while-current'

export function useAnswer<T>(
  ask: () => Promise<T>,
  failed: T | null,
  deps: DependencyList,
): T | null {
  const [answer, setAnswer] = useState<T | null>(null)
  useEffect(
    () => whileCurrent(ask(), setAnswer, () => setAnswer(failed)),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what `ask` reads
    deps,
  )
  return answer
}
