/**
 * The admin page (Custom UI): the catalog (calendars, tariffs, escalation policies, contracts) and
 * the Jira mapping (projects → contracts, names, recipients, support staff), edited in a structured
 * editor or as YAML, validated by the same code the app runs. The resolver checks that the user is a
 * Jira admin.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { enableJiraTheme } from '../shared/page-theme';
import { callResolver, userLanguage } from '../shared/resolver-client';
import { AdminApp, settingsSchema } from './admin-app';
import { PAGE_WORDS } from './page-words';
import { localizeProblem } from './problem-words';

async function start(): Promise<void> {
  await enableJiraTheme();
  const requested = new URLSearchParams(window.location.search).get('lang');
  const language = requested === 'ru' || requested === 'en' ? requested : await userLanguage();
  const words = PAGE_WORDS[language];
  document.documentElement.lang = language;
  document.title = words.title;
  const root = document.getElementById('root');
  if (!root) return;
  const answer = await callResolver('getSettings', {}, settingsSchema);
  if (!answer.ok) {
    root.replaceChildren();
    const message = document.createElement('p');
    message.id = 'status';
    message.className = 'status error';
    message.setAttribute('role', 'status');
    message.textContent = localizeProblem(answer.error, language);
    root.append(message);
    document.body.dataset.state = 'error';
    return;
  }
  createRoot(root).render(createElement(AdminApp, { initial: answer.value, language, words }));
  // The first paint of the editor, then the page says it is ready (tests and screenshots wait for it).
  requestAnimationFrame(() => {
    document.body.dataset.state = 'ready';
  });
}

void start();
