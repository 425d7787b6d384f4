/**
 * Builds the Custom UI pages of the Forge app: static/<page>/index.html and style.css are copied
 * next to a bundle of src/jira/ui/<page>/main.ts, in static/<page>/build (the resource path in
 * manifest.yml). With `bridge: 'preview'` the bundle talks to the preview server instead of Jira.
 *
 * Run: `node dist/scripts/build-static.js` (after `npm run build`).
 */
import { build } from 'esbuild';
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

/** What one page's build produced. */
export interface BuiltPage {
  readonly page: CustomUiPage;
  readonly dir: string;
  readonly bundleBytes: number;
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
    const result = await build({
      entryPoints: [join(root, 'src', 'jira', 'ui', page, 'main.ts')],
      outfile: join(dir, 'app.js'),
      bundle: true,
      format: 'iife',
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
    const output = Object.values(result.metafile?.outputs ?? {})[0];
    built.push({ page, dir, bundleBytes: output?.bytes ?? 0 });
  }
  return built;
}

if (require.main === module) {
  buildStaticPages().then(
    (pages) => {
      for (const page of pages) console.log(`${page.page}: ${page.dir} (${Math.round(page.bundleBytes / 1024)} KiB)`);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
