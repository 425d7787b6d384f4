import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startPreviewServer, type PreviewServer } from '../../../scripts/preview';
import { parseCatalogText, holidayYearsAround } from '../../../src/parsing/parse-catalog-text';
import { parseSettingsTexts, SETTINGS_KEYS, savedTextSchema } from '../../../src/jira/config/app-settings';
import { seedSettingsTexts } from '../../helpers/seed-settings';
import { auditPage } from './page-audit';
import { launchChromium } from '../../helpers/chromium';

const ROOT = join(__dirname, '..', '..', '..');
/** Reference screenshots kept in the repository (rewritten by each run, looked at when the page changes). */
const REFERENCE = join(__dirname, 'reference');
const OUTPUT = join(ROOT, 'test-output', 'jira-ui');

jest.setTimeout(240_000);

/** The input of a settings field, by the path it edits (`tariffs.basic.targets.reaction`). */
function field(page: Page, path: string) {
  return page.locator(`[id="${path}"]`);
}

/** Types into a field, replacing what was there. */
async function fill(page: Page, path: string, text: string): Promise<void> {
  await field(page, path).fill(text);
}

/** Picks an option of the Atlaskit select of a field by its visible label. */
async function pick(page: Page, path: string, label: string, search?: string): Promise<void> {
  await page.locator(`[data-path="${path}"] .sel__control`).first().click();
  if (search !== undefined) await page.keyboard.type(search);
  await page.locator('.sel__option', { hasText: label }).first().click();
}

/** Clicks an "add" button inside the part of the form at `path`. */
async function add(page: Page, testId: string, within = 'body'): Promise<void> {
  await page.locator(`${within} [data-testid="${testId}"]`).last().click();
}

async function renameEntry(page: Page, path: string, id: string): Promise<void> {
  await field(page, `${path}#id`).fill(id);
  await field(page, `${path}#id`).press('Enter');
}

/** Waits until the server has checked the texts as they are now. */
async function checked(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.checking === 'idle', undefined, { timeout: 20_000 });
}

function problemsAt(page: Page, path: string) {
  return page.locator(`[data-path="${path}"] > .field-problems .field-problem`);
}

async function buildGeneral(page: Page): Promise<void> {
  await fill(page, 'currency', 'RUB');
  await fill(page, 'timeZone', 'Europe/Moscow');
  await fill(page, 'priorities', 'low, normal, high, urgent, critical');
  for (const [id, name] of [
    ['incident', 'Инцидент'],
    ['bug', 'Ошибка'],
    ['consultation', 'Консультация'],
    ['enhancement', 'Доработка'],
  ]) {
    await page.getByTestId('new-request-type').fill(id);
    await page.getByTestId('add-request-type').click();
    await fill(page, `requestTypes.${id}.name`, name);
  }
  await pick(page, 'defaults.priority', 'normal');
  await pick(page, 'defaults.type', 'incident');
  await fill(page, 'defaults.statuses.initial', 'New');
  await fill(page, 'defaults.statuses.paused', 'Waiting for customer, Ожидает ответа клиента');
  await fill(page, 'defaults.statuses.working', 'In Progress, В работе');
  await fill(page, 'defaults.statuses.done', 'Resolved, Closed, Решена, Закрыта');
}

async function buildCalendar(page: Page): Promise<void> {
  await add(page, 'add-calendars');
  await renameEntry(page, 'calendars.calendar-1', 'msk-9-18');
  await fill(page, 'calendars.msk-9-18.name', 'Пн–Пт 9:00–18:00, Москва');
  await fill(page, 'calendars.msk-9-18.zone', 'Europe/Moscow');
  await fill(page, 'calendars.msk-9-18.week.weekdays', '09:00-18:00');
  // A holiday by hand, the rest of the production calendar from its iCalendar file.
  await add(page, 'add-holiday', '[data-entry="calendars.msk-9-18"]');
  await fill(page, 'calendars.msk-9-18.holidays[0].date', '2026-11-04');
  await fill(page, 'calendars.msk-9-18.holidays[0].name', 'День народного единства');
  await page
    .locator('[data-entry="calendars.msk-9-18"] [data-testid="import-ics"]')
    .setInputFiles(join(ROOT, 'examples', 'holidays', 'ru-2026.ics'));
  await page.waitForSelector('[id="calendars.msk-9-18.holidays[1].date"]');
  await add(page, 'add-override', '[data-entry="calendars.msk-9-18"]');
  await fill(page, 'calendars.msk-9-18.overrides[0].date', '2026-11-03');
  await fill(page, 'calendars.msk-9-18.overrides[0].ranges', '09:00-17:00');
  await fill(page, 'calendars.msk-9-18.overrides[0].name', 'Предпраздничный день');
}

async function buildPolicy(page: Page): Promise<void> {
  await add(page, 'add-escalationPolicies');
  await renameEntry(page, 'escalationPolicies.policy-1', 'standard');
  const policy = 'escalationPolicies.standard';
  await fill(page, `${policy}.name`, 'Стандартная эскалация');
  await fill(page, `${policy}.levels[0].percentOfTarget`, '80');
  await pick(page, `${policy}.levels[0].actions[0].recipients`, 'support_line');
  await add(page, 'add-level', `[data-entry="${policy}"]`);
  await fill(page, `${policy}.levels[1].level`, '2');
  await fill(page, `${policy}.levels[1].percentOfTarget`, '100');
  await add(page, 'add-action', `[data-path="${policy}.levels[1].actions"]`);
  await field(page, `${policy}.levels[1].actions[0].kind`).selectOption('assign_line');
  await fill(page, `${policy}.levels[1].actions[0].line`, 'L2');
  await add(page, 'add-action', `[data-path="${policy}.levels[1].actions"]`);
  await field(page, `${policy}.levels[1].actions[1].kind`).selectOption('comment');
  await fill(
    page,
    `${policy}.levels[1].actions[1].text`,
    'Срок по SLA истёк; обращение передано на вторую линию поддержки.',
  );
}

/**
 * The first tariff and contract are built under other ids (`base`, `alfa`) and renamed to the seed's at
 * the end, when the contracts, the projects and the contract rules name them.
 */
const FIRST_TARIFF = 'base';
const FIRST_CONTRACT = 'alfa';

async function buildTariffs(page: Page): Promise<void> {
  await add(page, 'add-tariffs');
  await renameEntry(page, 'tariffs.tariff-1', FIRST_TARIFF);
  await fill(page, 'tariffs.base.name', 'Базовый');
  await pick(page, 'tariffs.base.calendar', 'msk-9-18');
  await pick(page, 'tariffs.base.escalationPolicy', 'standard');
  await fill(page, 'tariffs.base.incidentsPerDay', '5');
  await fill(page, 'tariffs.base.targets.reaction', '240');
  await fill(page, 'tariffs.base.targets.resolution', '480');
  await fill(page, 'tariffs.base.priorities.critical.reaction', '120');
  await fill(page, 'tariffs.base.priorities.critical.resolution', '240');
  await fill(page, 'tariffs.base.prices.monthly', '100000');
  await fill(page, 'tariffs.base.prices.hourly', '2500');
  await fill(page, 'tariffs.base.prices.overLimitIncident', '3000');
  await fill(page, 'tariffs.base.csatTarget.satisfiedPercent', '80');
  await fill(page, 'tariffs.base.csatTarget.minimumResponses', '3');
  await buildStandardTariff(page);

  await add(page, 'add-tariffs');
  await renameEntry(page, 'tariffs.tariff-1', 'hours-10');
  const tariff = 'tariffs.hours-10';
  await fill(page, `${tariff}.name`, 'Пакет 10 часов');
  await pick(page, `${tariff}.calendar`, 'msk-9-18');
  await pick(page, `${tariff}.escalationMode`, 'minimal_client');
  await fill(page, `${tariff}.targets.reaction`, '120');
  await fill(page, `${tariff}.targets.start`, '240');
  await fill(page, `${tariff}.requestTypes.consultation.resolution`, '720');
  await fill(page, `${tariff}.requestTypes.bug.resolution`, '480');
  await fill(page, `${tariff}.requestTypes.bug.sameDayCutoff`, '16:00');
  await fill(page, `${tariff}.requestTypes.enhancement.resolution`, 'estimate');
  await field(page, `${tariff}.hours.kind`).selectOption('monthly');
  await fill(page, `${tariff}.hours.includedHours`, '10');
  await fill(page, `${tariff}.hours.minimumTermMonths`, '3');
  await fill(page, `${tariff}.prices.monthly`, '25000');
  await fill(page, `${tariff}.prices.hourly`, '2800');
  await fill(page, `${tariff}.prices.offHoursSurchargePercent`, '50');
}

/** The seed's "standard" tariff: its CSAT target and its service credits (rules, grace, cap). */
async function buildStandardTariff(page: Page): Promise<void> {
  await add(page, 'add-tariffs');
  await renameEntry(page, 'tariffs.tariff-1', 'standard');
  const tariff = 'tariffs.standard';
  await fill(page, `${tariff}.name`, 'Стандартный');
  await pick(page, `${tariff}.calendar`, 'msk-9-18');
  await fill(page, `${tariff}.targets.reaction`, '120');
  await fill(page, `${tariff}.targets.resolution`, '240');
  await fill(page, `${tariff}.prices.monthly`, '160000');
  await fill(page, `${tariff}.prices.hourly`, '2500');
  await fill(page, `${tariff}.prices.overLimitIncident`, '2500');
  await fill(page, `${tariff}.csatTarget.satisfiedPercent`, '85');
  await fill(page, `${tariff}.csatTarget.averageScore`, '4.2');
  await fill(page, `${tariff}.csatTarget.minimumResponses`, '3');
  const rules = `${tariff}.serviceCredits.rules`;
  const within = `[data-path="${rules}"]`;
  await add(page, 'add-credit-rule', within);
  await pick(page, `${rules}[0].clocks`, 'resolution');
  await pick(page, `${rules}[0].priorities`, 'critical');
  await field(page, `${rules}[0]#kind`).selectOption('percentOfFee');
  await fill(page, `${rules}[0].percentOfFee`, '5');
  await add(page, 'add-credit-rule', within);
  await pick(page, `${rules}[1].clocks`, 'resolution');
  await fill(page, `${rules}[1].amount`, '3000');
  await add(page, 'add-credit-rule', within);
  await pick(page, `${rules}[2].clocks`, 'reaction');
  await fill(page, `${rules}[2].amount`, '1500');
  await fill(page, `${tariff}.serviceCredits.graceBreaches`, '1');
  await field(page, `${tariff}.serviceCredits.monthlyCap#kind`).selectOption('amount');
  await fill(page, `${tariff}.serviceCredits.monthlyCap.amount`, '6000');
}

async function buildContract(page: Page): Promise<void> {
  await add(page, 'add-contracts');
  await renameEntry(page, 'contracts.contract-1', FIRST_CONTRACT);
  await fill(page, 'contracts.alfa.name', 'ООО «Альфа»');
  await add(page, 'add-term', '[data-entry="contracts.alfa"]');
  await pick(page, 'contracts.alfa.terms[0].tariff', FIRST_TARIFF);
  await fill(page, 'contracts.alfa.terms[0].from', '2026-01-01');
  await add(page, 'add-term', '[data-entry="contracts.alfa"]');
  await pick(page, 'contracts.alfa.terms[1].tariff', 'hours-10');
  await fill(page, 'contracts.alfa.terms[1].from', '2026-11-16');

  // A contract whose tracker names its statuses its own way.
  await add(page, 'add-contracts');
  await renameEntry(page, 'contracts.contract-1', 'client-b');
  await fill(page, 'contracts.client-b.name', 'АО «Бета Логистика»');
  await add(page, 'add-term', '[data-entry="contracts.client-b"]');
  await pick(page, 'contracts.client-b.terms[0].tariff', 'standard');
  await fill(page, 'contracts.client-b.terms[0].from', '2026-03-01');
  await fill(page, 'contracts.client-b.statuses.initial', 'Новая');
  await fill(page, 'contracts.client-b.statuses.paused', 'Ожидает ответа клиента');
  await fill(page, 'contracts.client-b.statuses.working', 'В работе');
  await fill(page, 'contracts.client-b.statuses.done', 'Решена, Закрыта');
}

/** A pasted webhook URL: the secret field must drop it, never write it. */
const PASTED_WEBHOOK = 'https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXX';

/** The channels of examples/notifications.yml; secrets only as references. */
async function buildChannels(page: Page): Promise<void> {
  const channel = async (id: string, kind: string) => {
    await add(page, 'add-notificationChannels');
    await renameEntry(page, 'notificationChannels.channel-1', id);
    if (kind !== 'email') await field(page, `notificationChannels.${id}.kind`).selectOption(kind);
    return `notificationChannels.${id}`;
  };
  const telegram = await channel('support-telegram', 'telegram');
  await fill(page, `${telegram}.botToken`, 'TELEGRAM_BOT_TOKEN');
  await fill(page, `${telegram}.chatId`, '-1001234567890');
  const slack = await channel('alfa-slack', 'slack');
  await fill(page, `${slack}.webhookUrl`, PASTED_WEBHOOK);
  expect(await field(page, `${slack}.webhookUrl`).inputValue()).toBe('');
  await page.locator(`[data-path="${slack}.webhookUrl"] .secret-refused`).waitFor();
  await fill(page, `${slack}.webhookUrl`, 'ALFA_SLACK_WEBHOOK');
  const teams = await channel('l3-teams', 'teams');
  await field(page, `${teams}.webhookUrl#source`).selectOption('secret');
  await fill(page, `${teams}.webhookUrl`, 'l3-teams-webhook');
  await pick(page, `${teams}.card`, 'adaptive');
  await channel('tracker-mail', 'email');
}

/** client-a's routes to the channels, per recipient and support line. */
async function buildRoutes(page: Page): Promise<void> {
  const contract = `contracts.${FIRST_CONTRACT}`;
  const routes: Array<{ channels: string[]; recipients?: string[]; lines?: string[] }> = [
    { channels: ['support-telegram', 'tracker-mail'], recipients: ['support_line', 'support_lead'] },
    { channels: ['alfa-slack'], recipients: ['client_contact', 'client_team'] },
    { channels: ['l3-teams'], lines: ['L3'] },
  ];
  for (const [index, route] of routes.entries()) {
    await add(page, 'add-route', `[data-entry="${contract}"]`);
    for (const name of route.channels) await pick(page, `${contract}.notify[${index}].channels`, name);
    for (const name of route.recipients ?? []) await pick(page, `${contract}.notify[${index}].recipients`, name);
    for (const name of route.lines ?? []) await pick(page, `${contract}.notify[${index}].lines`, name);
  }
}

/**
 * The contract rules of examples/jira-mapping.yml, the project rule written first and moved to the end
 * (the first rule that matches wins), then the shared project SUP without a contract of its own.
 */
async function buildContractRules(page: Page): Promise<void> {
  const rule = (index: number) => `contractRules.rules[${index}]`;
  await page.getByTestId('add-contract-rule').click();
  await pick(page, `${rule(0)}.project`, 'Alfa support (ALFA)', 'alf');
  await pick(page, `${rule(0)}.contract`, FIRST_CONTRACT);
  await pick(page, 'contractRules.organizationsField', 'Organizations (customfield_10002)', 'organ');
  const organizations: Array<[string, string]> = [
    ['ООО «Альфа»', FIRST_CONTRACT],
    ['АО «Бета Логистика»', 'client-b'],
  ];
  for (const [index, [organization, contract]] of organizations.entries()) {
    await page.getByTestId('add-contract-rule').click();
    await field(page, `${rule(index + 1)}#kind`).selectOption('organization');
    await fill(page, `${rule(index + 1)}.organization`, organization);
    await pick(page, `${rule(index + 1)}.contract`, contract);
  }
  await page.getByTestId('add-contract-rule').click();
  await field(page, `${rule(3)}#kind`).selectOption('field');
  await pick(page, `${rule(3)}.field`, 'Client (customfield_10050)', 'client');
  await fill(page, `${rule(3)}.value`, 'Alfa, Альфа');
  await pick(page, `${rule(3)}.contract`, FIRST_CONTRACT);
  for (const index of [0, 1, 2]) await page.getByTestId(`rule-down-${index}`).click();
  expect(await page.locator('ol.rules .rule-number').allTextContents()).toEqual([
    'Rule 1',
    'Rule 2',
    'Rule 3',
    'Rule 4',
  ]);
  expect(await field(page, `${rule(3)}#kind`).inputValue()).toBe('project');

  await page.getByTestId('add-project').click();
  await pick(page, 'projects.NEW1', 'Sup support (SUP)', 'sup');
  await page.waitForSelector('[data-entry="projects.SUP"]');
  await page.locator('[data-path="projects.SUP.contract"] .sel__clear-indicator').click();
}

async function buildLineRequirements(page: Page): Promise<void> {
  for (const [line, fields] of [
    ['L2', 'assignee'],
    ['L3', 'assignee, priority'],
  ]) {
    await page.getByTestId('new-line-requirement').selectOption(line);
    await page.getByTestId('add-line-requirement').click();
    await field(page, `lineRequirements.${line}.comment`).check();
    await fill(page, `lineRequirements.${line}.fields`, fields);
  }
}

/** The first tariff and contract take the seed's ids: every reference follows, no problem is left. */
async function renameToSeedIds(page: Page): Promise<void> {
  await page.getByTestId('tab-catalog').click();
  // A name another entry has is refused, and said so at the id.
  await renameEntry(page, 'tariffs.hours-10', 'standard');
  expect(await page.locator('[data-path="tariffs.hours-10#id"] .field-problem').textContent()).toBe(
    '"standard" is taken by another entry: choose another name',
  );
  expect(await field(page, 'tariffs.hours-10#id').inputValue()).toBe('hours-10');
  await renameEntry(page, `tariffs.${FIRST_TARIFF}`, 'basic');
  await renameEntry(page, `contracts.${FIRST_CONTRACT}`, 'client-a');
  await page.waitForSelector('[data-entry="contracts.client-a"]');
  expect(await page.locator('[data-path="contracts.client-a.terms[0].tariff"] .sel__single-value').textContent()).toBe(
    'basic',
  );
}

async function buildMapping(page: Page): Promise<void> {
  await page.getByTestId('tab-projects').click();
  await page.getByTestId('add-project').click();
  await pick(page, 'projects.NEW1', 'Alfa support (ALFA)', 'alf');
  await page.waitForSelector('[data-entry="projects.ALFA"]');
  await pick(page, 'projects.ALFA.contract', FIRST_CONTRACT);
  await page.getByTestId('new-priority').fill('Highest');
  await page.getByTestId('add-priority').click();
  await pick(page, 'projects.ALFA.priorities.Highest', 'critical');
  await pick(page, 'projects.ALFA.recipients.support_lead.accountIds', 'Олег Кузнецов', 'Олег');
  await pick(page, 'projects.ALFA.recipients.support_line.groupIds', 'support-l1', 'support');
  await pick(page, 'projects.ALFA.satisfaction.field', 'Satisfaction (customfield_10040)', 'satisf');
  await pick(page, 'projects.ALFA.satisfaction.dateField', 'Satisfaction date (customfield_10041)', 'date');
  await pick(page, 'agents.accountIds', 'Иван Петров', 'Иван');
  await pick(page, 'language', 'ru');
}

describe('Admin page: the structured editor, problems at their fields, the YAML tab (preview, headless Chromium)', () => {
  let preview: PreviewServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    preview = await startPreviewServer({ port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
  });

  async function open(query: string, errors: string[]): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${preview.url}/admin-page/?${query}`);
    await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
    return page;
  }

  it('an admin builds the seed catalog and a project mapping from empty settings with the structured editor alone, and saves them', async () => {
    await preview.store.set(SETTINGS_KEYS.catalog, { text: '', savedAtMs: 0 });
    await preview.store.set(SETTINGS_KEYS.mapping, { text: 'projects: {}\n', savedAtMs: 0 });
    await preview.store.set(SETTINGS_KEYS.holidayFiles, { files: {}, savedAtMs: 0 });
    const errors: string[] = [];
    const page = await open('lang=en', errors);
    try {
      await buildGeneral(page);
      await buildCalendar(page);
      await buildPolicy(page);
      await buildTariffs(page);
      await buildChannels(page);
      await buildContract(page);
      await buildRoutes(page);
      await buildMapping(page);
      await buildContractRules(page);
      await buildLineRequirements(page);
      await renameToSeedIds(page);
      await checked(page);
      expect(await page.locator('[data-testid="problem-summary"] li').allTextContents()).toEqual([]);
      await page.getByTestId('save').click();
      await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'Saved.');

      const catalog = savedTextSchema.parse(await preview.store.get(SETTINGS_KEYS.catalog));
      const mapping = savedTextSchema.parse(await preview.store.get(SETTINGS_KEYS.mapping));
      writeFileSync(join(OUTPUT, 'admin-built-catalog.yml'), catalog.text);
      writeFileSync(join(OUTPUT, 'admin-built-mapping.yml'), mapping.text);
      expect(catalog.text).not.toContain('hooks.slack.com');
      const settings = parseSettingsTexts(catalog.text, mapping.text, catalog.savedAtMs);
      if (!settings.ok) throw new Error(JSON.stringify(settings.problems));
      const built = settings.settings.catalog.catalog;
      const seedResult = parseCatalogText(readFileSync(join(ROOT, 'examples', 'catalog.yml'), 'utf8'), {
        holidayYears: holidayYearsAround(catalog.savedAtMs),
        readRelativeFile: (path) => readFileSync(join(ROOT, 'examples', path), 'utf8'),
      });
      if (!seedResult.ok) throw new Error('the seed catalog does not parse');
      const seed = seedResult.value.catalog;
      // The seed's essential parts, built by hand, read back as the engine reads the seed.
      expect(built.priorities).toEqual(seed.priorities);
      expect(Object.keys(built.requestTypes)).toEqual(Object.keys(seed.requestTypes));
      expect(built.defaults).toEqual(seed.defaults);
      const calendar = built.calendars['msk-9-18'];
      expect(calendar.week).toEqual(seed.calendars['msk-9-18'].week);
      expect(calendar.overrides?.[0]).toEqual(seed.calendars['msk-9-18'].overrides?.[3]);
      const seedDates = (seed.calendars['msk-9-19'].holidays ?? []).map((holiday) =>
        typeof holiday === 'string' ? holiday : holiday.date,
      );
      const builtDates = (calendar.holidays ?? []).map((holiday) =>
        typeof holiday === 'string' ? holiday : holiday.date,
      );
      expect(new Set(builtDates)).toEqual(new Set(seedDates));
      const basic = { ...built.tariffs.basic };
      const seedBasic = seed.tariffs.basic;
      expect(basic.targets).toEqual(seedBasic.targets);
      expect(basic.priorities).toEqual(seedBasic.priorities);
      expect(basic.prices).toEqual(seedBasic.prices);
      expect([basic.calendar, basic.escalationPolicy, basic.incidentsPerDay]).toEqual([
        seedBasic.calendar,
        seedBasic.escalationPolicy,
        seedBasic.incidentsPerDay,
      ]);
      expect(basic.csatTarget).toEqual(seedBasic.csatTarget);
      const standard = built.tariffs.standard;
      const seedStandard = seed.tariffs.standard;
      expect([standard.targets, standard.prices, standard.csatTarget, standard.serviceCredits]).toEqual([
        seedStandard.targets,
        seedStandard.prices,
        seedStandard.csatTarget,
        seedStandard.serviceCredits,
      ]);
      const hours = built.tariffs['hours-10'];
      const seedHours = seed.tariffs['hours-10'];
      expect([hours.targets, hours.requestTypes, hours.escalationMode]).toEqual([
        seedHours.targets,
        seedHours.requestTypes,
        seedHours.escalationMode,
      ]);
      expect(hours.hours).toEqual({ kind: 'monthly', includedHours: 10, minimumTermMonths: 3 });
      expect(hours.prices).toEqual(seedHours.prices);
      const policy = built.escalationPolicies.standard;
      expect(policy.levels.map((level) => [level.level, level.percentOfTarget])).toEqual([
        [1, 80],
        [2, 100],
      ]);
      expect(policy.levels[1].actions).toEqual(
        seed.escalationPolicies.standard.levels[1].actions.filter((action) => action.kind !== 'notify'),
      );
      const seedSettings = seedSettingsTexts();
      const seedParts = parseSettingsTexts(
        seedSettings.catalogText,
        seedSettings.mappingText,
        catalog.savedAtMs,
        seedSettings.holidayFiles,
      );
      if (!seedParts.ok) throw new Error(JSON.stringify(seedParts.problems));
      const { catalog: seedCatalogParts, mapping: seedMapping } = seedParts.settings;
      expect(built.contracts['client-a']).toEqual({
        name: 'ООО «Альфа»',
        terms: [
          { tariff: 'basic', from: '2026-01-01' },
          { tariff: 'hours-10', from: '2026-11-16' },
        ],
        notify: seedCatalogParts.catalog.contracts['client-a'].notify,
      });
      expect(built.notificationChannels).toEqual(seedCatalogParts.catalog.notificationChannels);
      const builtMapping = settings.settings.mapping;
      expect(builtMapping.contractRules).toEqual(seedMapping.contractRules);
      expect(builtMapping.lineRequirements).toEqual(seedMapping.lineRequirements);
      expect(builtMapping.projects.ALFA.satisfaction).toEqual(seedMapping.projects.ALFA.satisfaction);
      expect(builtMapping.projects.SUP).toEqual(seedMapping.projects.SUP);
      expect(built.contracts['client-b']).toEqual(seed.contracts['client-b']);
      expect(settings.settings.mapping.projects.ALFA).toMatchObject({
        contract: 'client-a',
        priorities: { Highest: 'critical' },
        recipients: {
          support_lead: { accountIds: ['lead-kuznetsov'], groupIds: [], groups: [] },
          support_line: { accountIds: [], groupIds: ['6f1c2a40-0000-4000-8000-000000000001'], groups: [] },
        },
      });
      expect(settings.settings.mapping.agents.accountIds).toEqual(['petrov']);
      expect(settings.settings.mapping.language).toBe('ru');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows the channels, routes, contract rules, line requirements and CSAT field in both themes, wide and at 400 px, with problems in Russian at their fields, and never shows a secret written in clear', async () => {
    const seed = seedSettingsTexts();
    // A webhook URL written into the YAML by hand: the form must not show it.
    const leaked = seed.catalogText.replace('webhookUrl: env:ALFA_SLACK_WEBHOOK', `webhookUrl: ${PASTED_WEBHOOK}`);
    expect(leaked).not.toBe(seed.catalogText);
    await preview.store.set(SETTINGS_KEYS.catalog, { text: leaked, savedAtMs: 0 });
    await preview.store.set(SETTINGS_KEYS.mapping, { text: seed.mappingText, savedAtMs: 0 });
    await preview.store.set(SETTINGS_KEYS.holidayFiles, { files: seed.holidayFiles, savedAtMs: 0 });
    for (const theme of ['light', 'dark'] as const) {
      for (const width of [1280, 400] as const) {
        const errors: string[] = [];
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        page.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        page.on('pageerror', (error) => errors.push(error.message));
        try {
          await page.goto(`${preview.url}/admin-page/?lang=ru&theme=${theme}`);
          await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
          const audited = async (section: string, name: string) => {
            await checked(page);
            await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
            await page.locator(`[data-section="${section}"]`).evaluate((element) => element.scrollIntoView());
            const audit = await page.evaluate(auditPage);
            expect(audit.colorMode).toBe(theme);
            expect(audit.scrollWidth).toBeLessThanOrEqual(audit.clientWidth);
            expect(audit.lowContrast).toEqual([]);
            writeFileSync(
              join(REFERENCE, `admin-page-${name}-${theme}-${width}.png`),
              await page.screenshot({ scale: 'css' }),
            );
          };
          const slack = 'notificationChannels.alfa-slack.webhookUrl';
          expect(await field(page, slack).inputValue()).toBe('');
          expect(await page.locator(`[data-path="${slack}"] .secret-refused`).textContent()).toMatch(
            /^В настройках здесь записано значение, не являющееся ссылкой; оно не показывается/,
          );
          expect(await page.locator('[data-editor="catalog"]').innerText()).not.toContain('hooks.slack.com');
          expect(await page.locator('[data-testid="problem-summary"]').innerText()).not.toContain('hooks.slack.com');
          await fill(page, 'notificationChannels.support-telegram.chatId', 'чат');
          await checked(page);
          expect(await problemsAt(page, 'notificationChannels.support-telegram.chatId').allTextContents()).toEqual([
            'ожидается id чата Telegram, например -1001234567890, или «@channel_name»',
          ]);
          await audited('notificationChannels', 'channels');

          await page.getByTestId('tab-projects').click();
          // A field id Jira did not list, typed into the picker.
          await page.locator('[data-path="contractRules.rules[2].field"] .sel__control').click();
          await page.keyboard.type('client_field');
          await page.locator('.sel__option', { hasText: 'client_field' }).click();
          await checked(page);
          expect(await problemsAt(page, 'contractRules.rules[2].field').allTextContents()).toEqual([
            'ожидается id настраиваемого поля, например «customfield_10050», а указано «client_field»',
          ]);
          // The pickers show Jira's names once their options have loaded: the screenshot waits for them.
          await page
            .locator('[data-path="contractRules.organizationsField"] .sel__single-value', {
              hasText: 'Organizations (customfield_10002)',
            })
            .waitFor();
          await page
            .locator('[data-path="contractRules.rules[3].project"] .sel__control', { hasText: 'Alfa support (ALFA)' })
            .waitFor();
          await audited('contractRules', 'rules');
          expect(errors).toEqual([]);
        } finally {
          await page.close();
        }
      }
    }
  });

  it('shows CSAT and service credit problems at their fields, moves a credit between amount and percent, and drops an emptied CSAT target', async () => {
    const seedText = readFileSync(join(ROOT, 'examples', 'catalog.yml'), 'utf8');
    const holidays = join(ROOT, 'examples', 'holidays');
    const files = Object.fromEntries(
      readdirSync(holidays).map((name) => [`holidays/${name}`, readFileSync(join(holidays, name), 'utf8')]),
    );
    await preview.store.set(SETTINGS_KEYS.catalog, { text: seedText, savedAtMs: 0 });
    await preview.store.set(SETTINGS_KEYS.mapping, { text: 'projects: {}\n', savedAtMs: 0 });
    await preview.store.set(SETTINGS_KEYS.holidayFiles, { files, savedAtMs: 0 });
    const errors: string[] = [];
    const page = await open('lang=en', errors);
    try {
      const rule = 'tariffs.standard.serviceCredits.rules[1]';
      await fill(page, 'tariffs.basic.csatTarget.averageScore', '7');
      await field(page, `${rule}#kind`).selectOption('percentOfFee');
      await checked(page);
      expect(await problemsAt(page, 'tariffs.basic.csatTarget.averageScore').allTextContents()).toEqual([
        'expected a rating from 1 to 5',
      ]);
      expect(await field(page, `${rule}.percentOfFee`).inputValue()).toBe('3000');
      expect(await problemsAt(page, `${rule}.percentOfFee`).allTextContents()).toEqual(['expected a percent <= 100']);
      await page.locator('[data-entry="tariffs.standard"]').scrollIntoViewIfNeeded();
      writeFileSync(join(OUTPUT, 'admin-page-credit-problems.png'), await page.screenshot());

      await field(page, `${rule}#kind`).selectOption('amount');
      for (const name of ['averageScore', 'satisfiedPercent', 'minimumResponses'])
        await fill(page, `tariffs.basic.csatTarget.${name}`, '');
      await checked(page);
      expect(await page.locator('[data-testid="problem-summary"] li').allTextContents()).toEqual([]);
      await page.getByTestId('save').click();
      await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'Saved.');
      const saved = savedTextSchema.parse(await preview.store.get(SETTINGS_KEYS.catalog));
      const read = (text: string) => {
        const result = parseCatalogText(text, {
          holidayYears: holidayYearsAround(saved.savedAtMs),
          readRelativeFile: (path) => readFileSync(join(ROOT, 'examples', path), 'utf8'),
        });
        if (!result.ok) throw new Error(JSON.stringify(result.issues));
        return result.value.catalog;
      };
      const [after, before] = [read(saved.text), read(seedText)];
      expect(after.tariffs.basic.csatTarget).toBeUndefined();
      expect(after.tariffs.standard.serviceCredits).toEqual(before.tariffs.standard.serviceCredits);
      expect(saved.text).toContain('# What a breach costs the provider');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows a bad value and an unknown calendar at their fields at once, and each problem at its line on the YAML tab; edits survive switching tabs', async () => {
    // A calendar misspelt in the YAML text (renaming a calendar in the form renames its references).
    const saved = savedTextSchema.parse(await preview.store.get(SETTINGS_KEYS.catalog));
    const misspelt = saved.text.replace(
      '  basic:\n    name: Базовый\n    calendar: msk-9-18\n',
      '  basic:\n    name: Базовый\n    calendar: msk-9-81\n',
    );
    expect(misspelt).not.toBe(saved.text);
    await preview.store.set(SETTINGS_KEYS.catalog, { ...saved, text: misspelt });
    const errors: string[] = [];
    const page = await open('lang=en', errors);
    try {
      await fill(page, 'tariffs.basic.targets.reaction', '-5');
      await checked(page);
      expect(await problemsAt(page, 'tariffs.basic.targets.reaction').allTextContents()).toEqual([
        'expected minutes > 0',
      ]);
      expect(await problemsAt(page, 'tariffs.basic.calendar').allTextContents()).toEqual([
        expect.stringMatching(/^unknown calendar "msk-9-81": define it under "calendars" or use one of "msk-9-18"/),
      ]);
      expect(
        await page.locator('[data-path="tariffs.basic.targets.reaction"] input').getAttribute('aria-invalid'),
      ).toBe('true');
      writeFileSync(join(OUTPUT, 'admin-page-field-problems.png'), await page.screenshot());

      await page.getByTestId('tab-yaml').click();
      await page.waitForSelector('body[data-yaml="ready"]', { timeout: 30_000 });
      const catalog = page.getByTestId('catalog-yaml');
      // "Show" next to a problem jumps to its line, which the editor marks.
      const markedLine = async (problemPath: string) => {
        await page
          .locator('[data-testid="problem-summary"] li', { hasText: `${problemPath}:` })
          .getByRole('button')
          .click();
        await catalog.locator('.cm-selectionMatch, .cm-activeLine').first().waitFor();
        const line = catalog.locator('.cm-activeLine');
        return {
          text: (await line.textContent()) ?? '',
          marked: await line.locator('.cm-lintRange-error').count(),
        };
      };
      const reaction = await markedLine('tariffs.basic.targets.reaction');
      expect(reaction.text).toMatch(/reaction: -5/);
      expect(reaction.marked).toBe(1);
      const calendar = await markedLine('tariffs.basic.calendar');
      expect(calendar.text.trim()).toBe('calendar: msk-9-81');
      expect(calendar.marked).toBe(1);
      expect(await catalog.locator('.cm-gutter-lint .cm-lint-marker-error').count()).toBeGreaterThanOrEqual(1);
      expect(await catalog.locator('.cm-lineNumbers').count()).toBe(1);
      writeFileSync(join(OUTPUT, 'admin-page-yaml-problems.png'), await page.screenshot());

      // Typing in the YAML editor changes the same settings the structured editor shows.
      const mapping = page.getByTestId('mapping-yaml');
      await mapping.locator('.cm-content').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('escalateSince: 2026-11-01T00:00:00+03:00');
      await page.keyboard.press('Escape');
      await page.getByTestId('tab-projects').click();
      await expect(field(page, 'escalateSince').inputValue()).resolves.toBe('2026-11-01T00:00:00+03:00');
      await page.getByTestId('tab-catalog').click();
      expect(await field(page, 'tariffs.basic.targets.reaction').inputValue()).toBe('-5');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('says a lowercase project key is wrong at its project, in Russian on the Russian page', async () => {
    const saved = await preview.store.get(SETTINGS_KEYS.mapping);
    await preview.store.set(SETTINGS_KEYS.mapping, {
      text: 'projects:\n  sup: { contract: client-a }\n',
      savedAtMs: 0,
    });
    const errors: string[] = [];
    const page = await open('lang=ru', errors);
    try {
      await page.getByTestId('tab-projects').click();
      const problems = page.locator('[data-entry="projects.sup"] .field-problem');
      await problems.first().waitFor();
      expect(await problems.allTextContents()).toContain(
        'ожидается ключ проекта Jira заглавными латинскими буквами, например «SUP»',
      );
      const summary = await page.locator('[data-testid="problem-summary"] li').allTextContents();
      expect(summary.filter((line) => line.startsWith('projects.sup:'))).toEqual([
        'projects.sup: ожидается ключ проекта Jira заглавными латинскими буквами, например «SUP» Показать',
      ]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await preview.store.set(SETTINGS_KEYS.mapping, saved);
    }
  });
});
