import { invoke, view } from '@forge/bridge';
import * as z from 'zod/mini';

const errorSchema = z.object({
  code: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});

const failedSchema = z.object({ ok: z.literal(false), error: errorSchema });
const succeededSchema = z.object({ ok: z.literal(true), value: z.unknown() });

export type PageError = z.infer<typeof errorSchema>;

/**
 * Calls a resolver and checks its answer; a transport failure or an unexpected answer becomes an
 * error like the resolver's own, so the page has one way to show problems.
 *
 * @example
 * const answer = await callResolver('getReport', { month: '2026-11' }, reportSchema);
 * if (!answer.ok) showError(answer.error.message);
 */
export async function callResolver<T extends z.ZodMiniType>(
  name: string,
  payload: Record<string, unknown>,
  schema: T,
): Promise<{ ok: true; value: z.output<T> } | { ok: false; error: PageError }> {
  let answer: unknown;
  try {
    answer = await invoke(name, payload);
  } catch (error) {
    return {
      ok: false,
      error: { code: 'invoke_failed', path: [], message: error instanceof Error ? error.message : String(error) },
    };
  }
  const failed = failedSchema.safeParse(answer);
  if (failed.success) return { ok: false, error: failed.data.error };
  const succeeded = succeededSchema.safeParse(answer);
  const value = succeeded.success ? schema.safeParse(succeeded.data.value) : null;
  if (!value?.success)
    return { ok: false, error: { code: 'bad_answer', path: [], message: `unexpected answer from ${name}` } };
  return { ok: true, value: value.data };
}

const contextSchema = z.looseObject({ locale: z.optional(z.string()) });

/** The user's language as Jira reports it: Russian for `ru-*`, English otherwise. */
export async function userLanguage(): Promise<'ru' | 'en'> {
  try {
    const context = contextSchema.safeParse(await view.getContext());
    return context.success && context.data.locale?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
  } catch {
    return 'en';
  }
}
