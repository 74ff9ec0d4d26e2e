import '@testing-library/jest-dom/vitest'
import { configure } from '@testing-library/react'
import { HANG_TIMEOUT_MS } from '../support/patience'

// React's act() warnings are only checked when this flag is set.
;(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true

// findBy*/waitFor wait for a state; their timeout only catches a hang (the default of 1 s is a
// duration a loaded machine can miss).
configure({ asyncUtilTimeout: HANG_TIMEOUT_MS })
