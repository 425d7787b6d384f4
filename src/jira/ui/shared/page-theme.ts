import { router, view } from '@forge/bridge';

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

/** Issue keys as Jira writes them (ALFA-107). */
const ISSUE_KEY = /^[A-Z][A-Z0-9_]+-\d+$/;

/** A link to the issue in Jira when the text is an issue key, else the plain text. */
export function issueLinkOrText(text: string): Node {
  if (!ISSUE_KEY.test(text)) return document.createTextNode(text);
  const link = document.createElement('a');
  link.href = `/browse/${text}`;
  link.className = 'issue-key';
  link.textContent = text;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    // Custom UI runs in an iframe: the host navigates Jira itself.
    void router.navigate(`/browse/${text}`);
  });
  return link;
}
