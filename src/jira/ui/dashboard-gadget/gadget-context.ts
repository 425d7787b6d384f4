import * as z from 'zod/mini';

/**
 * What the gadget keeps as its Jira configuration (`view.submit` in edit mode): the contract, and a
 * month when the user fixed one (without it the gadget follows the current month).
 */
export const gadgetConfigurationSchema = z.object({
  contract: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  month: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}$/))),
});
export type GadgetConfiguration = z.infer<typeof gadgetConfigurationSchema>;

/** The part of Jira's context the gadget reads; anything else in it is ignored. */
const contextSchema = z.looseObject({
  locale: z.optional(z.string()),
  timezone: z.optional(z.string()),
  extension: z.optional(
    z.looseObject({
      entryPoint: z.optional(z.string()),
      gadgetConfiguration: z.optional(z.unknown()),
    }),
  ),
});

/** How the gadget opens: in edit mode or view mode, with its saved configuration and the viewer's zone. */
export interface GadgetContext {
  readonly mode: 'edit' | 'view';
  readonly configuration: GadgetConfiguration;
  readonly timeZone: string | undefined;
}

/**
 * Reads the gadget's mode, saved configuration and the viewer's zone from Jira's context. A saved
 * configuration that no longer fits (hand-edited, from an older version) counts as none: the gadget
 * then shows the first contract and the current month rather than failing.
 *
 * @example
 * gadgetContextOf({ extension: { entryPoint: 'edit', gadgetConfiguration: { contract: 'client-d' } } });
 * // { mode: 'edit', configuration: { contract: 'client-d' }, timeZone: undefined }
 */
export function gadgetContextOf(context: unknown): GadgetContext {
  const parsed = contextSchema.safeParse(context);
  const extension = parsed.success ? parsed.data.extension : undefined;
  const configuration = gadgetConfigurationSchema.safeParse(extension?.gadgetConfiguration ?? {});
  return {
    mode: extension?.entryPoint === 'edit' ? 'edit' : 'view',
    configuration: configuration.success ? configuration.data : {},
    timeZone: parsed.success ? parsed.data.timezone : undefined,
  };
}
