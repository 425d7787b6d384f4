/**
 * Builds the Custom UI pages of the Forge app: static/<page>/index.html and style.css are copied
 * next to a bundle of src/jira/ui/<page>/main.ts, in static/<page>/build (the resource path in
 * manifest.yml). With `bridge: 'preview'` the bundle talks to the preview server instead of Jira.
 *
 * Run: `node dist/scripts/build-static.js` (after `npm run build`).
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CHART_STYLE } from '../src/core/statement/statement-charts';

/** The Custom UI pages, by resource directory name. */
export const CUSTOM_UI_PAGES = ['project-report', 'admin-page', 'dashboard-gadget'] as const;
export type CustomUiPage = (typeof CUSTOM_UI_PAGES)[number];

/** The repository root, found from this file whether it runs from scripts/ or dist/scripts/. */
export function repoRoot(start: string = __dirname): string {
  let directory = resolve(start);
  for (let depth = 0; depth < 6; depth++) {
    if (existsSync(join(directory, 'package.json')) && existsSync(join(directory, 'static'))) return directory;
    directory = dirname(directory);
  }
  throw new Error(`cannot find the repository root above ${start}`);
}

export interface BuildStaticOptions {
  /** `forge` (default) bundles @forge/bridge; `preview` swaps in the preview server's stand-in. */
  readonly bridge?: 'forge' | 'preview';
  /** Where page directories go; default static/<page>/build. */
  readonly outDir?: (page: CustomUiPage) => string;
  readonly minify?: boolean;
}

/**
 * Pages built as ES modules with code splitting: the admin page loads its YAML code editor
 * (CodeMirror, the JSON Schema completion) only when the admin opens the "YAML" tab.
 */
const SPLIT_PAGES: ReadonlySet<CustomUiPage> = new Set(['admin-page']);

/**
 * codemirror-json-schema renders descriptions as Markdown with a syntax highlighter (shiki) that
 * loads themes and grammars when the module loads; the pages show them as plain text instead.
 */
function plainDescriptions(root: string): Plugin {
  return {
    name: 'plain-schema-descriptions',
    setup(builder) {
      builder.onResolve({ filter: /\/utils\/markdown(\.js)?$/ }, (args) =>
        args.importer.includes('codemirror-json-schema')
          ? { path: join(root, 'src', 'jira', 'ui', 'admin-page', 'plain-markdown.ts') }
          : undefined,
      );
    },
  };
}

/** What one page's build produced. */
export interface BuiltPage {
  readonly page: CustomUiPage;
  readonly dir: string;
  /** The script the page loads first. */
  readonly bundleBytes: number;
  /** Chunks loaded later, on demand (the admin page's code editor). */
  readonly lazyBytes: number;
}

/**
 * Builds every Custom UI page.
 *
 * @example
 * await buildStaticPages(); // static/project-report/build, static/admin-page/build
 * await buildStaticPages({ bridge: 'preview', outDir: (page) => `/tmp/preview/${page}` });
 */
export async function buildStaticPages(options: BuildStaticOptions = {}): Promise<BuiltPage[]> {
  const root = repoRoot();
  const built: BuiltPage[] = [];
  for (const page of CUSTOM_UI_PAGES) {
    const dir = options.outDir ? options.outDir(page) : join(root, 'static', page, 'build');
    mkdirSync(dir, { recursive: true });
    const split = SPLIT_PAGES.has(page);
    const layout: BuildOptions = split
      ? { format: 'esm', splitting: true, outdir: dir, entryNames: 'app', chunkNames: 'chunk-[hash]' }
      : { format: 'iife', outfile: join(dir, 'app.js') };
    const result = await build({
      ...layout,
      entryPoints: [join(root, 'src', 'jira', 'ui', page, 'main.ts')],
      bundle: true,
      platform: 'browser',
      target: ['es2020'],
      minify: options.minify ?? true,
      sourcemap: false,
      legalComments: 'none',
      // The pages use React with Atlaskit components.
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      metafile: true,
      logLevel: 'silent',
      plugins: [plainDescriptions(root)],
      alias:
        options.bridge === 'preview'
          ? { '@forge/bridge': join(root, 'src', 'jira', 'ui', 'preview', 'preview-bridge.ts') }
          : {},
    });
    // Atlaskit components import their compiled CSS; esbuild gathers it into app.css. A page without
    // any still gets the file, so its <link> never fails.
    if (!existsSync(join(dir, 'app.css'))) writeFileSync(join(dir, 'app.css'), '');
    copyFileSync(join(root, 'static', page, 'index.html'), join(dir, 'index.html'));
    // The chart rules come from the statement renderer that draws the charts, so both pages style them alike.
    const chartStyle = page === 'project-report' ? CHART_STYLE : '';
    writeFileSync(join(dir, 'style.css'), readFileSync(join(root, 'static', page, 'style.css'), 'utf8') + chartStyle);
    const outputs = Object.entries(result.metafile?.outputs ?? {}).filter(([file]) => file.endsWith('.js'));
    const entry = outputs.find(([file]) => file.endsWith('app.js'));
    const lazyBytes = outputs.filter(([file]) => !file.endsWith('app.js')).reduce((sum, [, out]) => sum + out.bytes, 0);
    built.push({ page, dir, bundleBytes: entry?.[1].bytes ?? 0, lazyBytes });
  }
  return built;
}

if (require.main === module) {
  buildStaticPages().then(
    (pages) => {
      for (const page of pages)
        console.log(
          `${page.page}: ${page.dir} (${Math.round(page.bundleBytes / 1024)} KiB` +
            (page.lazyBytes > 0 ? `, ${Math.round(page.lazyBytes / 1024)} KiB loaded on demand)` : ')'),
        );
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
