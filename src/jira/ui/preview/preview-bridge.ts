import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';

/**
 * Stand-in for `@forge/bridge` in the preview (`npm run preview`): the pages call the app's real
 * resolvers through the preview server instead of Jira. The page and its project come from the URL
 * (`/project-report/?project=ALFA&lang=ru&theme=dark`), as Jira would put them in the context; the
 * theme is applied as Jira's host does, with Atlassian's design tokens for that colour mode.
 *
 * The dashboard gadget opens in edit mode with `mode=edit`; `view.submit` keeps its configuration in
 * the browser's local storage and reopens the gadget in view mode, where the context carries it as
 * `extension.gadgetConfiguration`, as Jira does with the configuration it stores for the gadget.
 */

interface PreviewContext {
  readonly locale: string;
  readonly timezone: string;
  readonly extension: {
    readonly project?: { readonly key: string };
    readonly entryPoint?: 'edit';
    readonly gadgetConfiguration?: unknown;
  };
}

/** Where the preview keeps the gadget's configuration between loads. */
const GADGET_CONFIGURATION_KEY = 'tariff-sla-preview:gadget-configuration';

function page(): string {
  return window.location.pathname.split('/').filter(Boolean)[0] ?? '';
}

function savedGadgetConfiguration(): unknown {
  const text = window.localStorage.getItem(GADGET_CONFIGURATION_KEY);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function context(): PreviewContext {
  const query = new URLSearchParams(window.location.search);
  const project = query.get('project');
  const gadget = page() === 'dashboard-gadget';
  const configuration = gadget ? savedGadgetConfiguration() : undefined;
  return {
    locale: query.get('lang') === 'ru' ? 'ru-RU' : 'en-US',
    // The viewer's zone as Jira reports it (its profile setting); fixed, so screenshots never depend on the machine.
    timezone: query.get('tz') ?? 'Europe/Moscow',
    extension: {
      ...(project ? { project: { key: project } } : {}),
      ...(gadget && query.get('mode') === 'edit' ? { entryPoint: 'edit' as const } : {}),
      ...(configuration !== undefined ? { gadgetConfiguration: configuration } : {}),
    },
  };
}

/** Calls a resolver of the current page on the preview server. */
export async function invoke(functionKey: string, payload?: Record<string, unknown>): Promise<unknown> {
  const response = await fetch('/__invoke', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ page: page(), functionKey, payload: payload ?? {}, context: context() }),
  });
  if (!response.ok) throw new Error(`preview server answered ${response.status}`);
  return response.json();
}

function colorMode(): 'light' | 'dark' {
  return new URLSearchParams(window.location.search).get('theme') === 'dark' ? 'dark' : 'light';
}

export const view = {
  getContext: async (): Promise<PreviewContext & { theme: { colorMode: 'light' | 'dark' } }> => ({
    ...context(),
    theme: { colorMode: colorMode() },
  }),
  /** As Jira does for a gadget's edit mode: keeps the configuration and shows the gadget in view mode. */
  submit: async (payload?: unknown): Promise<void> => {
    window.localStorage.setItem(GADGET_CONFIGURATION_KEY, JSON.stringify(payload ?? {}));
    const query = new URLSearchParams(window.location.search);
    query.delete('mode');
    window.location.replace(`${window.location.pathname}?${query.toString()}`);
  },
  theme: {
    /** As in Jira: the tokens of the user's colour mode, and `data-color-mode` on <html>. */
    enable: async (): Promise<void> => {
      await setGlobalTheme({
        colorMode: colorMode(),
        light: 'light',
        dark: 'dark',
        spacing: 'spacing',
        typography: 'typography',
      });
    },
  },
};

/** Where the page asked Jira to go (`/browse/ALFA-107`); the preview records it instead of leaving. */
export const navigations: string[] = [];

export const router = {
  navigate: async (url: string): Promise<void> => {
    navigations.push(url);
    document.body.dataset.navigatedTo = url;
  },
  open: async (url: string): Promise<void> => {
    navigations.push(url);
    document.body.dataset.navigatedTo = url;
  },
};
