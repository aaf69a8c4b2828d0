/** Types of tslab-converter.js, the kernel's one-rebuild version of tslab's converter. */

/** The resolved path of tslab's converter module. */
export const CONVERTER: string;

/** A module compiled from `source` as if it were tslab's converter file, outside the cache. */
export function compileConverter(source: string): NodeModule;

/** tslab's converter source with one rebuild per cell; undefined if not the expected text. */
export function singleRebuildSource(source: string): string | undefined;

/** Puts the one-rebuild converter in Node's module cache; whether it did. */
export function useSingleRebuildConverter(): boolean;
