/**
 * Update logic behind one interface (`UpdateSource`), Electron-free: the feed checker reads
 * electron-builder's latest-*.yml / beta-*.yml; the scheduler decides when to ask. The desktop
 * shell plugs electron-updater in as another `UpdateSource` that also downloads and installs.
 */
export type { UpdateChannel, UpdateCheckResult, UpdateSource } from './types'
export {
  createFeedUpdateSource,
  feedFileName,
  feedFileNames,
  FEED_REQUEST_TIMEOUT_MS,
} from './feed'
export type { FeedPlatform, FeedSourceOptions } from './feed'
export {
  createUpdateScheduler,
  UPDATE_CHECK_INTERVAL_MS,
  STARTUP_CHECK_DELAY_MS,
} from './scheduler'
export type { UpdateScheduler, UpdateSchedulerOptions } from './scheduler'
export { isAcceptableOnChannel, pickUpdate } from './version-policy'
