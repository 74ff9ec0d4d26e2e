/** The tool texts live in the shared contract: the replay export writes the same ones. */
export * from '@shared/tool-text'
