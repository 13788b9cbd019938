// Types for scripts/lean-js-yaml.mjs, which the build runs as plain JavaScript.
export declare function leanJsYaml(text: string, path?: string): string;
