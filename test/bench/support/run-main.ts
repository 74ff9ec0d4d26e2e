import { finish } from '../../../src/main/core/util/finish'

/** Runs a bench's main: exit code 0 when it printed its figures, 1 (with the error) otherwise. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => finish(0),
    (err: unknown) => {
      console.error(err)
      finish(1)
    },
  )
}
