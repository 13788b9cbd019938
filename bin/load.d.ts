// Types for bin/load.js, which stays plain JavaScript: it runs before anything is compiled.
import type { Script } from 'node:vm';

export interface Bundle {
  readonly file: string;
  readonly version: string | undefined;
  readonly key: string | undefined;
}
export declare const nodeCompileCache: boolean;
export declare const WARMING: ReadonlySet<string>;
export declare function cachePath(home: string, key: string): string;
export declare function readBundle(home: string): Bundle;
export declare function loadBundle(home: string, bundle: Bundle, options?: { cache?: boolean }): { exports: Record<string, unknown>; script: Script | undefined; keep: (argv: readonly string[]) => void };
