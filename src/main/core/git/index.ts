export { GitService, DEFAULT_MAX_CONCURRENT_GIT } from './git-service'
export type { GitServiceOptions, GitServiceStats, GitStatusListener } from './git-service'
export type { DiffResult } from './read-diff'
export { RepoPathError } from './repo-path'
