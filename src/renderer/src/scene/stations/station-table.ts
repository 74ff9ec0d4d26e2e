/** The stations live in the shared contract: the replay export colours its lanes by them too. */
export * from '@shared/stations'
