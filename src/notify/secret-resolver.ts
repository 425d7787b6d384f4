import type { SecretReference } from '../core/catalog/notification-channels-schema';

/** Looks a secret up by its reference; undefined when there is none (or it is empty). */
export type SecretResolver = (reference: SecretReference) => Promise<string | undefined>;

/**
 * The worker's secrets: `env:NAME` from the environment given; `secret:NAME` (a Forge storage secret)
 * does not exist outside the Jira app, so it resolves to nothing and the send reports the reference.
 *
 * @example
 * const secrets = environmentSecrets(process.env);
 * await secrets({ source: 'env', name: 'TELEGRAM_BOT_TOKEN' });
 */
export function environmentSecrets(env: Readonly<Record<string, string | undefined>>): SecretResolver {
  return async (reference) => {
    if (reference.source !== 'env') return undefined;
    const value = env[reference.name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
}

/** The reference as the catalog writes it, for messages: `env:TELEGRAM_BOT_TOKEN`. */
export function secretReferenceText(reference: SecretReference): string {
  return `${reference.source}:${reference.name}`;
}
