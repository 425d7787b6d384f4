/**
 * Runs Forge's own deploy-time checks offline, without a login or network: the app's functions and
 * its UI Kit resources bundled by `@forge/bundler` (the webpack builds `forge deploy` runs), and the
 * client-side linters of `@forge/lint` (`forge lint`) over src/. A problem either would report at
 * deploy time shows here first.
 *
 * Run: `node dist/scripts/forge-check.js` (after `npm run build`); exits 1 on any error.
 */
import {
  ConfigFile,
  FileSystemReader,
  FileSystemWriter,
  StatsigReader,
  type DynamicConfig,
  type DynamicConfigKey,
  type FeatureGate,
} from '@forge/cli-shared';
import { getEntryPoints, getNodeBundler, NativeUIBundler } from '@forge/bundler';
import { lint, problemCount, reportLintResults } from '@forge/lint';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './build-static';

/**
 * The permission linter checks every Jira call against the scopes of Jira's OpenAPI description,
 * which it downloads unless pointed at local files. The project keeps Jira's official description
 * trimmed to the operations the app calls (test/jira/contract); the app calls no other product, so
 * the other products' descriptions are empty.
 */
function useLocalApiDescriptions(root: string): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'forge-check-'));
  const empty = join(dir, 'empty.json');
  writeFileSync(empty, JSON.stringify({ paths: {} }));
  const variables: Record<string, string> = {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: join(root, 'test', 'jira', 'contract', 'jira-openapi.trimmed.json'),
    LOCAL_JSM_SWAGGER: empty,
    LOCAL_JSW_SWAGGER: empty,
    LOCAL_CONF_SWAGGER: empty,
    LOCAL_CONF_V2_SWAGGER: empty,
    LOCAL_BB_SWAGGER: empty,
  };
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

/** Feature flags as Forge's CLI would read them with nothing fetched: every gate off, every list empty. */
class OfflineFlags extends StatsigReader {
  async checkGate<F extends FeatureGate>(flag: F): Promise<boolean | null> {
    void flag;
    return null;
  }
  async getDynamicConfig<F extends DynamicConfigKey>(flag: F): Promise<DynamicConfig[F] | null> {
    void flag;
    return null;
  }
}

/**
 * The Node runtime's loader is fetched from Atlassian's CDN at deploy time; the bundle is what is
 * checked here, so a placeholder loader stands in for it.
 */
const OFFLINE_WRAPPER: Parameters<typeof getNodeBundler>[1] = {
  getNodeRuntimeWrapper: async () => ({ script: '// offline check', source: 'offline', version: '0' }),
  getNodeRuntimeLoader: async () => ({ script: '// offline check', source: 'offline', version: '0' }),
};

/** What the checks found. */
export interface ForgeCheckResult {
  readonly lintErrors: number;
  readonly lintWarnings: number;
  readonly functionBundles: number;
  readonly uiKitBundles: number;
  readonly messages: readonly string[];
}

const quietLogger = (messages: string[]) => ({
  info: (message: string) => messages.push(message),
  debug: () => undefined,
  warn: (message: string) => messages.push(message),
  error: (message: string) => messages.push(message),
  trace: () => undefined,
});

async function lintApp(config: ConfigFile, messages: string[]): Promise<{ errors: number; warnings: number }> {
  const manifest = await config.readConfig();
  const reader = new FileSystemReader();
  const files = await reader.recursiveReadDir('./src', ['.git', 'node_modules']);
  const logger = quietLogger(messages);
  const results = await lint(files, manifest, 'development', logger, new OfflineFlags() as never, {
    linter: { mode: 'client-side' },
  });
  reportLintResults(logger, results, false);
  const count = problemCount(results);
  return { errors: count.errors, warnings: count.warnings };
}

async function bundleApp(config: ConfigFile, messages: string[]): Promise<{ functions: number; uiKit: number }> {
  const logger = quietLogger(messages);
  const handlers = await config.getAppHandlers();
  const entryPoints = getEntryPoints(handlers);
  await getNodeBundler(logger as never, OFFLINE_WRAPPER, config).bundle({ appDirectory: process.cwd(), entryPoints });
  const resources = await config.getResources(['nativeUI']);
  const uiKit = await new NativeUIBundler(logger as never).bundleResources(resources);
  return { functions: entryPoints.length, uiKit: uiKit.nativeUiBundlesDetails.length };
}

/**
 * Bundles and lints the app in the repository root as `forge deploy` would, offline.
 *
 * @example
 * const result = await checkForgeApp(); // { lintErrors: 0, functionBundles: 1, uiKitBundles: 2, … }
 */
export async function checkForgeApp(): Promise<ForgeCheckResult> {
  const previous = process.cwd();
  const root = repoRoot();
  process.chdir(root);
  const restore = useLocalApiDescriptions(root);
  try {
    const messages: string[] = [];
    const config = new ConfigFile(new FileSystemReader(), new FileSystemWriter());
    const linted = await lintApp(config, messages);
    const bundled = await bundleApp(config, messages);
    return {
      lintErrors: linted.errors,
      lintWarnings: linted.warnings,
      functionBundles: bundled.functions,
      uiKitBundles: bundled.uiKit,
      messages,
    };
  } finally {
    restore();
    process.chdir(previous);
  }
}

if (require.main === module) {
  checkForgeApp().then(
    (result) => {
      for (const message of result.messages) console.log(message);
      console.log(
        `forge bundler: ${result.functionBundles} function entry, ${result.uiKitBundles} UI Kit resources; forge lint: ${result.lintErrors} errors, ${result.lintWarnings} warnings`,
      );
      if (result.lintErrors > 0) process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
