/**
 * The dashboard gadget (Custom UI): for one contract and month, SLA compliance per clock, hours used
 * and left, and the open requests breached or at risk now, each linked to its issue. The contract and
 * the month are picked in the gadget; the figures come from the gadget's resolver.
 */
import { router } from '@forge/bridge';
import * as z from 'zod/mini';
import { byId, el } from '../shared/dom';
import { enableJiraTheme } from '../shared/page-theme';
import { callResolver, userLanguage } from '../shared/resolver-client';
import { lozengeOf, slaWords, type UiLanguage } from '../shared/sla-words';

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
    hoursText: (used: number, included: number | null, remaining: number | null) =>
      included === null
        ? `${used} ч использовано, без лимита`
        : `${used} из ${included} ч использовано, осталось ${remaining === null ? included - used : remaining} ч`,
  },
} as const;

const state: { lang: UiLanguage; contract: string | undefined; month: string | undefined } = {
  lang: 'en',
  contract: undefined,
  month: undefined,
};

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

function openList(view: GadgetView): HTMLElement {
  const words = slaWords(state.lang);
  const entries = [
    ...view.breached.map((issue) => ({ issue, state: 'breached' })),
    ...view.atRisk.map((issue) => ({ issue, state: 'at_risk' })),
  ];
  if (entries.length === 0) return el('p', { class: 'muted' }, WORDS[state.lang].none);
  return el(
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
          ? el('span', { class: 'muted' }, words.due(`${issue.dueAt.slice(0, 10)} ${issue.dueAt.slice(11, 16)}`))
          : null,
      ),
    ),
  );
}

function render(view: GadgetView): void {
  const words = WORDS[state.lang];
  byId('contract', HTMLSelectElement).replaceChildren(
    ...view.contracts.map((contract) =>
      el(
        'option',
        contract.id === view.contract.id ? { value: contract.id, selected: 'selected' } : { value: contract.id },
        contract.name,
      ),
    ),
  );
  byId('month', HTMLSelectElement).replaceChildren(
    ...view.months.map((month) =>
      el('option', month === view.month ? { value: month, selected: 'selected' } : { value: month }, month),
    ),
  );
  byId('compliance', HTMLElement).replaceChildren(
    el('h2', {}, `${words.compliance} · ${view.month}`),
    ...view.compliance.map(complianceRow),
  );
  byId('hours', HTMLElement).replaceChildren(
    el('h2', {}, words.hours),
    el('p', { class: 'hours' }, words.hoursText(view.hours.used, view.hours.included, view.hours.remaining)),
  );
  byId('open', HTMLElement).replaceChildren(el('h2', {}, words.open), openList(view));
}

async function load(): Promise<void> {
  const status = byId('status', HTMLElement);
  status.textContent = WORDS[state.lang].loading;
  status.className = 'status';
  document.body.dataset.state = 'loading';
  const answer = await callResolver(
    'getGadget',
    {
      lang: state.lang,
      ...(state.contract ? { contract: state.contract } : {}),
      ...(state.month ? { month: state.month } : {}),
    },
    gadgetSchema,
  );
  if (!answer.ok) {
    status.textContent = answer.error.message;
    status.className = 'status error';
    document.body.dataset.state = 'error';
    return;
  }
  state.contract = answer.value.contract.id;
  state.month = answer.value.month;
  status.textContent = '';
  render(answer.value);
  document.body.dataset.state = 'ready';
}

async function start(): Promise<void> {
  await enableJiraTheme();
  const requested = new URLSearchParams(window.location.search).get('lang');
  state.lang = requested === 'ru' || requested === 'en' ? requested : await userLanguage();
  byId('contract-label', HTMLElement).textContent = WORDS[state.lang].contract;
  byId('month-label', HTMLElement).textContent = WORDS[state.lang].month;
  byId('contract', HTMLSelectElement).addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement) state.contract = event.target.value;
    state.month = undefined;
    void load();
  });
  byId('month', HTMLSelectElement).addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement) state.month = event.target.value;
    void load();
  });
  await load();
}

void start();
