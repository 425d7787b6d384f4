/**
 * Stand-in for `@forge/bridge` in the preview (`npm run preview`): the pages call the app's real
 * resolvers through the preview server instead of Jira. The page and its project come from the URL
 * (`/project-report/?project=ALFA&lang=ru`), as Jira would put them in the context.
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
  return { locale: query.get('lang') === 'ru' ? 'ru-RU' : 'en-US', extension: project ? { project: { key: project } } : {} };
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

export const view = {
  getContext: async (): Promise<PreviewContext> => context(),
};
