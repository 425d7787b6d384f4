import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { readCatalogFile } from '../../../src/io/read-catalog-file';
import { holidayYearsAround } from '../../../src/parsing/parse-catalog-text';
import { buildMonthlyStatement } from '../../../src/core/statement/monthly-statement';
import { statementHtml } from '../../../src/core/statement/statement-html';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import { readIssuesFile } from '../../../src/io/read-issues-file';
import { countColour, decodePng, type PngImage } from '../../png-image';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../helpers/chromium';

/** How many pixels of the whole image are within 12 of a colour `#rrggbb` on every channel. */
function countHex(image: PngImage, hex: string): number {
  const channel = (at: number) => parseInt(hex.slice(at, at + 2), 16);
  const colour: [number, number, number] = [channel(1), channel(3), channel(5)];
  return countColour(image, { x: 0, y: 0, width: image.width, height: image.height }, colour, 12);
}

const ACCENT = '#2458d6';
const USED_BAR = '#9db7f0';
const POOR = '#c2362f';

function exampleHtml(): string {
  const catalog = readCatalogFile('examples/catalog.yml', holidayYearsAround(Date.parse('2026-11-20T12:00:00Z')));
  if (!catalog.ok) throw new Error('example catalog invalid');
  const { issues } = readIssuesFile('examples/issues.json');
  const nowMs = Date.parse('2026-12-01T10:00:00+03:00');
  const statement = buildMonthlyStatement(catalog.value, issues, evaluatePortfolio(catalog.value, issues, nowMs), {
    month: '2026-11',
  });
  return statementHtml(statement, 'ru');
}

describe('HTML statement in headless Chromium', () => {
  let workDir: string;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'statement-browser-'));
    const file = join(workDir, 'statement.html');
    writeFileSync(file, exampleHtml());
    context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: { width: 1100, height: 900 },
      deviceScaleFactor: 1,
    });
    page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`file://${file}`, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await context?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  test('The page loads without a single request besides itself', () => {
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatch(/^file:\/\/.*statement\.html$/);
  });

  test('Every contract section has its three charts laid out with a real size', async () => {
    const sections = await page.locator('section.contract').count();
    expect(sections).toBe(7);
    for (const kind of ['burndown', 'compliance', 'incidents']) {
      const charts = page.locator(`svg[data-chart="${kind}"]`);
      expect(await charts.count()).toBe(sections);
      for (let index = 0; index < sections; index++) {
        const box = await charts.nth(index).boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(300);
        expect(box?.height ?? 0).toBeGreaterThan(60);
      }
    }
  });

  test('The burn-down of the monthly package draws its daily bars and the remaining-hours line, and the pixels show them', async () => {
    const chart = page.locator('section[data-contract="client-d"] svg[data-chart="burndown"]');
    expect(await chart.locator('rect.bar.used').count()).toBe(4);
    const line = await chart.locator('polyline.line.remaining').boundingBox();
    expect(line?.width ?? 0).toBeGreaterThan(300);
    const box = await chart.boundingBox();
    const image = decodePng(await chart.screenshot());
    expect(image.width).toBe(Math.round(box?.width ?? 0));
    expect(countHex(image, ACCENT)).toBeGreaterThan(300);
    expect(countHex(image, USED_BAR)).toBeGreaterThan(200);
  });

  test('The compliance chart draws one bar per clock that was due, red where compliance is poor', async () => {
    const chart = page.locator('section[data-contract="client-d"] svg[data-chart="compliance"]');
    expect(await chart.locator('rect.bar.compliance').count()).toBe(3);
    expect(await chart.locator('rect.bar.poor').count()).toBe(2);
    const image = decodePng(await chart.screenshot());
    expect(countHex(image, POOR)).toBeGreaterThan(1_000);
  });

  test('The incidents chart marks the day over the limit in red (client-a, 12 November)', async () => {
    const chart = page.locator('section[data-contract="client-a"] svg[data-chart="incidents"]');
    const overLimit = chart.locator('rect.bar.over-limit');
    expect(await overLimit.count()).toBe(1);
    expect(await overLimit.getAttribute('data-date')).toBe('2026-11-12');
    const image = decodePng(await chart.screenshot());
    expect(countHex(image, POOR)).toBeGreaterThan(50);
  });

  test('The whole first screen is not blank: headings, cards and a chart are painted', async () => {
    const image = decodePng(await page.screenshot());
    let inked = 0;
    for (let index = 0; index < image.rgba.length; index += 4)
      if (image.rgba[index] < 200 || image.rgba[index + 1] < 200) inked++;
    expect(inked).toBeGreaterThan(20_000);
    expect(await page.locator('section[data-contract="client-a"] .card').count()).toBeGreaterThanOrEqual(4);
  });
});
