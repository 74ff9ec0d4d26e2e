/** The scene's clock in seconds; one source so the simulation and the components agree. */
export function nowSeconds(): number {
  return performance.now() / 1000
}
