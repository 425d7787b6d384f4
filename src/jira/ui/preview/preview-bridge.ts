import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';

/**
 * Stand-in for `@forge/bridge` in the preview (`npm run preview`): the pages call the app's real
 * resolvers through the preview server instead of Jira. The page and its project come from the URL
 * (`/project-report/?project=ALFA&lang=ru&theme=dark`), as Jira would put them in the context; the
 * theme is applied as Jira's host does, with Atlassian's design tokens for that colour mode.
 */

interface PreviewContext {
  readonly locale: string;
  readonly extension: { readonly project?: { readonly key: string } };
}

function page(): string {
  return window.location.pathname.split('/').filter(Boolean)[0] ?? '';
}

function context(): PreviewContext {
  const query = new URLSearchParams(window.location.search);
  const project = query.get('project');
  return {
    locale: query.get('lang') === 'ru' ? 'ru-RU' : 'en-US',
    extension: project ? { project: { key: project } } : {},
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
