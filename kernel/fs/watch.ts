// Inode watchers (create_inode_watcher): being filled in.
export const FS_WATCH: number = 6;
export const WATCH_CONTENT_MODIFIED: number = 1;
export const WATCH_METADATA: number = 2;
export const WATCH_CHILD_CREATED: number = 4;
export const WATCH_CHILD_DELETED: number = 8;
export const watchersNotify = (inode: number, event: number, name: Uint8Array, length: number): void => {};
export const watcherClose = (watcher: number): void => {};
export const watcherRead = (watcher: number, process: number, buffer: number, size: number, nonblocking: boolean): number => 0;
export const watcherReadable = (watcher: number): boolean => false;
