/**
 * The admin page (Custom UI): the catalog (YAML) and the Jira mapping (projects → contracts, names,
 * agents, line requirements) edited as text and validated by the same code the app runs, with every
 * problem shown as `path: message` under its editor. The resolver checks that the user is a Jira admin.
 */
import * as z from 'zod/mini';
import { formatIssuePath } from '../../../core/errors/validation-issue';
import { byId, el } from '../shared/dom';
import { enableJiraTheme } from '../shared/page-theme';
import { callResolver, userLanguage } from '../shared/resolver-client';

const issueSchema = z.object({
  code: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
const problemsSchema = z.object({ catalog: z.array(issueSchema), mapping: z.array(issueSchema) });
const settingsSchema = z.object({
  catalogText: z.string(),
  mappingText: z.string(),
  holidayFiles: z.record(z.string(), z.string()),
  savedAtMs: z.nullable(z.number()),
  problems: problemsSchema,
});

/** Folder the catalog names uploaded files under (`holidayFiles: [holidays/ru-2026.ics]`). */
const UPLOAD_FOLDER = 'holidays/';

/** The holiday files as the page will send them: all of them, so removing one here removes it on save. */
let holidayFiles: Record<string, string> = {};
type Problems = z.infer<typeof problemsSchema>;

const WORDS = {
  en: {
    files: 'Holiday files (iCalendar), named in the catalog as holidays/<file>',
    upload: 'Add .ics files',
    remove: 'Remove',
    title: 'Tariff SLA settings',
    catalog: 'Catalog (YAML): calendars, tariffs, escalation policies, contracts',
    mapping: 'Jira mapping (YAML): projects → contracts, names, agents, line requirements',
    check: 'Check',
    save: 'Save',
    checking: 'Checking…',
    saving: 'Saving…',
    valid: 'No problems found.',
    saved: 'Saved.',
    notSaved: 'Not saved: fix the problems below.',
    problems: (count: number) => `${count} problem${count === 1 ? '' : 's'}`,
  },
  ru: {
    files: 'Файлы праздников (iCalendar), в каталоге: holidays/<файл>',
    upload: 'Добавить файлы .ics',
    remove: 'Удалить',
    title: 'Настройки Tariff SLA',
    catalog: 'Каталог (YAML): календари, тарифы, эскалации, договоры',
    mapping: 'Связь с Jira (YAML): проекты → договоры, названия, сотрудники поддержки, требования линий',
    check: 'Проверить',
    save: 'Сохранить',
    checking: 'Проверка…',
    saving: 'Сохранение…',
    valid: 'Ошибок нет.',
    saved: 'Сохранено.',
    notSaved: 'Не сохранено: исправьте ошибки ниже.',
    problems: (count: number) => `Ошибок: ${count}`,
  },
} as const;

let words: (typeof WORDS)['en'] | (typeof WORDS)['ru'] = WORDS.en;

function showProblems(problems: Problems): number {
  for (const part of ['catalog', 'mapping'] as const) {
    const list = byId(`${part}-problems`, HTMLElement);
    list.replaceChildren(
      ...problems[part].map((issue) =>
        el('li', { class: 'problem', 'data-code': issue.code }, `${formatIssuePath(issue.path)}: ${issue.message}`),
      ),
    );
    byId(`${part}-count`, HTMLElement).textContent =
      problems[part].length === 0 ? '' : words.problems(problems[part].length);
  }
  return problems.catalog.length + problems.mapping.length;
}

function setStatus(text: string, kind: 'info' | 'ok' | 'error'): void {
  const status = byId('status', HTMLElement);
  status.textContent = text;
  status.className = `status ${kind}`;
}

function texts(): { catalogText: string; mappingText: string; holidayFiles: Record<string, string> } {
  return {
    catalogText: byId('catalog', HTMLTextAreaElement).value,
    mappingText: byId('mapping', HTMLTextAreaElement).value,
    holidayFiles,
  };
}

function renderFiles(): void {
  const list = byId('holiday-files', HTMLElement);
  list.replaceChildren(
    ...Object.keys(holidayFiles)
      .sort()
      .map((name) => {
        const remove = el('button', { type: 'button', class: 'secondary', 'data-file': name }, words.remove);
        remove.addEventListener('click', () => {
          delete holidayFiles[name];
          renderFiles();
        });
        return el('li', {}, name, remove);
      }),
  );
}

async function upload(input: HTMLInputElement): Promise<void> {
  for (const file of Array.from(input.files ?? []))
    holidayFiles = { ...holidayFiles, [`${UPLOAD_FOLDER}${file.name}`]: await file.text() };
  input.value = '';
  renderFiles();
}

async function check(): Promise<void> {
  setStatus(words.checking, 'info');
  const answer = await callResolver('checkSettings', texts(), problemsSchema);
  if (!answer.ok) return setStatus(answer.error.message, 'error');
  const count = showProblems(answer.value);
  setStatus(count === 0 ? words.valid : words.problems(count), count === 0 ? 'ok' : 'error');
}

async function save(): Promise<void> {
  setStatus(words.saving, 'info');
  const answer = await callResolver('saveSettings', texts(), settingsSchema);
  if (!answer.ok) return setStatus(answer.error.message, 'error');
  const count = showProblems(answer.value.problems);
  setStatus(
    count === 0 && answer.value.savedAtMs !== null ? words.saved : words.notSaved,
    count === 0 ? 'ok' : 'error',
  );
}

async function start(): Promise<void> {
  await enableJiraTheme();
  const requested = new URLSearchParams(window.location.search).get('lang');
  words = WORDS[requested === 'ru' || requested === 'en' ? requested : await userLanguage()];
  byId('title', HTMLElement).textContent = words.title;
  byId('catalog-label', HTMLElement).textContent = words.catalog;
  byId('mapping-label', HTMLElement).textContent = words.mapping;
  byId('check', HTMLButtonElement).textContent = words.check;
  byId('save', HTMLButtonElement).textContent = words.save;
  byId('files-label', HTMLElement).textContent = words.files;
  byId('upload-label', HTMLElement).textContent = words.upload;
  const uploader = byId('holiday-upload', HTMLInputElement);
  uploader.addEventListener('change', () => void upload(uploader));
  byId('check', HTMLButtonElement).addEventListener('click', () => void check());
  byId('save', HTMLButtonElement).addEventListener('click', () => void save());
  const answer = await callResolver('getSettings', {}, settingsSchema);
  if (!answer.ok) {
    setStatus(answer.error.message, 'error');
    document.body.dataset.state = 'error';
    return;
  }
  byId('catalog', HTMLTextAreaElement).value = answer.value.catalogText;
  byId('mapping', HTMLTextAreaElement).value = answer.value.mappingText;
  holidayFiles = { ...answer.value.holidayFiles };
  renderFiles();
  showProblems(answer.value.problems);
  document.body.dataset.state = 'ready';
}

void start();
