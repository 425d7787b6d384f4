// The package's "./yaml" entry is declared in its `exports`, which this project's module resolution
// ("node") does not read; esbuild does. The types are the package's own.
declare module 'codemirror-json-schema/yaml' {
  export * from 'codemirror-json-schema/dist/yaml/index';
}
