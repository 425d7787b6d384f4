import { kvs } from '@forge/kvs';
import type { SecretResolver } from '../../notify/secret-resolver';

/**
 * The app's secrets: `env:NAME` is a Forge environment variable (`forge variables set --encrypt NAME …`),
 * `secret:NAME` a Forge storage secret (`kvs.setSecret`). Values are never logged or returned to a page.
 *
 * @example
 * const secrets = forgeSecrets(process.env);
 * await secrets({ source: 'secret', name: 'alfa-slack-webhook' });
 */
export function forgeSecrets(env: Readonly<Record<string, string | undefined>>): SecretResolver {
  return async (reference) => {
    const value = reference.source === 'env' ? env[reference.name] : await kvs.getSecret<unknown>(reference.name);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
}
