// Types of dist-current.mjs (plain JavaScript so the bin can run it before anything is compiled).
export function newestMtimeMs(dir: URL): number;
export function distState(sourceDir: URL, stamp: URL): "current" | "stale" | "missing";
