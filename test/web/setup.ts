import '@testing-library/jest-dom/vitest'

// React 19 warns unless the test environment declares act() support.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
