import { view } from '@forge/bridge';

/**
 * Takes Jira's theme (light or dark) for the page: the host sets the colour mode on <html> and
 * serves Atlassian's design tokens (`--ds-*`), which the page's style sheet uses throughout. A host
 * without theming leaves the tokens' light fallbacks in place.
 */
export async function enableJiraTheme(): Promise<void> {
  try {
    await view.theme.enable();
  } catch {
    // Older hosts: the fallbacks of var(--ds-…, light value) apply.
  }
}
