import '@testing-library/jest-dom/vitest'

// React's act() warnings are only checked when this flag is set.
;(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true
