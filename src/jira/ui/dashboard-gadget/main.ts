/**
 * The dashboard gadget (Custom UI): for one contract and month, SLA compliance per clock, hours used
 * and left, and the open requests breached or at risk now, each linked to its issue. The contract and
 * the month are the gadget's configuration: picked in Jira's edit mode and saved with `view.submit`,
 * read back from the context in view mode. The figures come from the gadget's resolver.
 */
import { router, view } from '@forge/bridge';
import * as z from 'zod/mini';
import { byId, el } from '../shared/dom';
import { enableJiraTheme } from '../shared/page-theme';
import { callResolver, userLanguage } from '../shared/resolver-client';
import { instantText, lozengeOf, slaWords, type UiLanguage } from '../shared/sla-words';
import { gadgetContextOf, type GadgetConfiguration } from './gadget-context';
import { renderGadgetControls } from './gadget-controls';

const clockSchema = z.enum(['reaction', 'start', 'resolution']);
const issueSchema = z.object({ key: z.string(), clock: clockSchema, dueAt: z.nullable(z.string()) });
const gadgetSchema = z.object({
  contracts: z.array(z.object({ id: z.string(), name: z.string() })),
  contract: z.object({ id: z.string(), name: z.string() }),
  month: z.string(),
  months: z.array(z.string()),
  compliance: z.array(
    z.object({ clock: clockSchema, percent: z.nullable(z.number()), met: z.number(), due: z.number() }),
  ),
  hours: z.object({ included: z.nullable(z.number()), used: z.number(), remaining: z.nullable(z.number()) }),
  breached: z.array(issueSchema),
  atRisk: z.array(issueSchema),
  zone: z.string(),
});
type GadgetView = z.infer<typeof gadgetSchema>;

const WORDS = {
  en: {
    contract: 'Contract',
    month: 'Month',
    compliance: 'SLA compliance',
    hours: 'Hours',
    open: 'Open breaches and at-risk requests',
    none: 'None now',
    noDue: 'no requests due',
    loading: 'Loading…',
    currentMonth: 'This month',
    save: 'Save',
    saveFailed: (message: string) => `Not saved: ${message}`,
    hoursText: (used: number, included: number | null, remaining: number | null) =>
      included === null
        ? `${used} h used, no hour limit`
        : `${used} of ${included} h used, ${remaining === null ? included - used : remaining} h left`,
  },
  ru: {
    contract: 'Договор',
    month: 'Месяц',
    compliance: 'Соблюдение SLA',
    hours: 'Часы',
    open: 'Открытые нарушения и заявки под угрозой',
    none: 'Сейчас нет',
    noDue: 'нет заявок со сроком',
    loading: 'Загрузка…',
    currentMonth: 'Текущий месяц',
    save: 'Сохранить',
    saveFailed: (message: string) => `Не сохранено: ${message}`,
    hoursText: (used: number, included: number | null, remaining: number | null) =>
      included === null
        ? `${used} ч использовано, без лимита`
        : `${used} из ${included} ч использовано, осталось ${remaining === null ? included - used : remaining} ч`,
  },
} as const;

const state: {
  lang: UiLanguage;
  mode: 'edit' | 'view';
  /** The configuration being shown (edit mode: being picked, saved only on Save). */
  configuration: GadgetConfiguration;
  /** The viewer's zone from Jira, else the contract calendar's. */
  timeZone: string | undefined;
  saving: boolean;
  view: GadgetView | null;
} = { lang: 'en', mode: 'view', configuration: {}, timeZone: undefined, saving: false, view: null };

function issueLink(key: string): HTMLAnchorElement {
  const link = el('a', { class: 'issue-key', href: `/browse/${key}` }, key);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    void router.navigate(`/browse/${key}`);
  });
  return link;
}

function complianceRow(entry: GadgetView['compliance'][number]): HTMLElement {
  const clockWords = slaWords(state.lang).clock;
  const percent = entry.percent;
  const grade = percent === null ? 'good' : percent >= 95 ? 'good' : percent >= 80 ? 'fair' : 'poor';
  const fill = el('div', { class: `fill ${grade}` });
  // Through the CSS object model: Custom UI's content security policy refuses inline style attributes.
  fill.style.width = `${percent ?? 0}%`;
  const figure = percent === null ? WORDS[state.lang].noDue : `${percent}% (${entry.met}/${entry.due})`;
  return el(
    'div',
    { class: 'clock', 'data-clock': entry.clock },
    el('span', {}, clockWords[entry.clock]),
    el('div', { class: 'track' }, fill),
    el('span', { class: 'figure' }, figure),
  );
}

function openList(gadget: GadgetView, timeZone: string): HTMLElement[] {
  const words = slaWords(state.lang);
  const entries = [
    ...gadget.breached.map((issue) => ({ issue, state: 'breached' })),
    ...gadget.atRisk.map((issue) => ({ issue, state: 'at_risk' })),
  ];
  if (entries.length === 0) return [el('p', { class: 'muted' }, WORDS[state.lang].none)];
  const list = el(
    'ul',
    { class: 'issues' },
    ...entries.map(({ issue, state: issueState }) =>
      el(
        'li',
        { 'data-state': issueState },
        issueLink(issue.key),
        el('span', { class: `lozenge ${issueState}` }, lozengeOf(issueState, state.lang).text),
        el('span', {}, words.clock[issue.clock]),
        issue.dueAt
          ? el('span', { class: 'muted due' }, words.due(instantText(issue.dueAt, timeZone, state.lang)))
          : null,
      ),
    ),
  );
  // Every instant shown is in one zone, and the gadget says which.
  const anyInstant = entries.some(({ issue }) => issue.dueAt !== null);
  return anyInstant ? [list, el('p', { class: 'muted zone' }, words.zone(timeZone))] : [list];
}

function renderControls(gadget: GadgetView | null): void {
  const container = byId('controls', HTMLElement);
  const words = WORDS[state.lang];
  if (state.mode === 'view') {
    container.replaceChildren(
      gadget ? el('p', { class: 'title' }, el('strong', {}, gadget.contract.name), ` · ${gadget.month}`) : '',
    );
    return;
  }
  renderGadgetControls(container, {
    words: { contract: words.contract, month: words.month, currentMonth: words.currentMonth, save: words.save },
    contracts: gadget?.contracts ?? [],
    months: gadget?.months ?? [],
    contract: state.configuration.contract ?? gadget?.contract.id,
    month: state.configuration.month,
    saving: state.saving,
    onContract: (contract) => {
      // Another contract has its own months: the month follows the current one again.
      state.configuration = { contract };
      void load();
    },
    onMonth: (month) => {
      const { contract } = state.configuration;
      state.configuration = { ...(contract ? { contract } : {}), ...(month ? { month } : {}) };
      void load();
    },
    onSave: () => void save(),
  });
}

function render(gadget: GadgetView): void {
  const words = WORDS[state.lang];
  const timeZone = state.timeZone ?? gadget.zone;
  renderControls(gadget);
  byId('compliance', HTMLElement).replaceChildren(
    el('h2', {}, `${words.compliance} · ${gadget.month}`),
    ...gadget.compliance.map(complianceRow),
  );
  byId('hours', HTMLElement).replaceChildren(
    el('h2', {}, words.hours),
    el('p', { class: 'hours' }, words.hoursText(gadget.hours.used, gadget.hours.included, gadget.hours.remaining)),
  );
  byId('open', HTMLElement).replaceChildren(el('h2', {}, words.open), ...openList(gadget, timeZone));
}

function showStatus(text: string, kind: 'status' | 'status error'): void {
  const status = byId('status', HTMLElement);
  status.textContent = text;
  status.className = kind;
}

async function load(): Promise<void> {
  showStatus(WORDS[state.lang].loading, 'status');
  document.body.dataset.state = 'loading';
  const answer = await callResolver('getGadget', { lang: state.lang, ...state.configuration }, gadgetSchema);
  if (!answer.ok) {
    showStatus(answer.error.message, 'status error');
    document.body.dataset.state = 'error';
    // In edit mode the pickers stay, so a configuration that no longer fits can be changed.
    renderControls(state.view);
    return;
  }
  state.view = answer.value;
  showStatus('', 'status');
  render(answer.value);
  document.body.dataset.state = 'ready';
}

/** Edit mode: saves the picked contract and month as the gadget's configuration; Jira then shows the view. */
async function save(): Promise<void> {
  const configuration: GadgetConfiguration = {
    contract: state.configuration.contract ?? state.view?.contract.id,
    ...(state.configuration.month ? { month: state.configuration.month } : {}),
  };
  state.saving = true;
  renderControls(state.view);
  try {
    await view.submit(configuration);
  } catch (error) {
    showStatus(WORDS[state.lang].saveFailed(error instanceof Error ? error.message : String(error)), 'status error');
  } finally {
    state.saving = false;
    renderControls(state.view);
  }
}

async function start(): Promise<void> {
  await enableJiraTheme();
  const requested = new URLSearchParams(window.location.search).get('lang');
  state.lang = requested === 'ru' || requested === 'en' ? requested : await userLanguage();
  const context = gadgetContextOf(await view.getContext().catch(() => null));
  state.mode = context.mode;
  state.configuration = context.configuration;
  state.timeZone = context.timeZone;
  document.body.dataset.mode = context.mode;
  await load();
}

void start();
