import { decodePng } from '../../png-image';
import { useRedmineWorld } from '../redmine-suite';
import { createRedmineWorld, skipRedmine, writeWorkerFiles } from './redmine-world';
import { runWorkerCycle } from './run-worker-cycle';

/*
 * The statement page's attachments against the real Redmine 5 of scripts/redmine-local.sh: the
 * charts uploaded as PNG and shown on the page, the HTML and CSV attached, nothing uploaded again
 * while nothing changed, and one file of each name after a republish.
 */
const describeRedmine = skipRedmine ? describe.skip : describe;
const MINUTE = 60_000;
const FILES = ['burn-down', 'compliance', 'statement'];

describeRedmine('statement page attachments against the local Redmine', () => {
  jest.setTimeout(120_000);
  const suite = useRedmineWorld(() => createRedmineWorld(['charts']));

  async function download(url: string): Promise<Buffer> {
    const answer = await fetch(url, { headers: { 'X-Redmine-API-Key': suite.world.adminKey } });
    expect(answer.status).toBe(200);
    return Buffer.from(await answer.arrayBuffer());
  }

  it('attaches the charts, the HTML and the CSV once, embeds the charts, and keeps one file of each name', async () => {
    const files = writeWorkerFiles(suite.world, {
      contracts: { charts: suite.project('charts') },
      config: { statements: { enabled: true, refreshMinutes: 0.001, wikiTitle: 'SLA_Statement_{month}' } },
    });
    const issue = await suite
      .as('client')
      .createIssue({ project_id: suite.project('charts'), subject: 'Printer jams', tracker_id: 3 });
    const day = issue.created_on.slice(0, 10);
    const month = day.slice(0, 7);
    await suite.as('staff').createTimeEntry({ issue_id: issue.id, hours: 1.5, spent_on: day, comments: 'Rollers' });
    const nowMs = Math.max(Date.parse(issue.created_on) + 10 * MINUTE, Date.parse(`${day}T12:00:00Z`) + MINUTE);
    const title = `SLA_Statement_${month}`;

    const first = await runWorkerCycle(files.configPath, nowMs);

    expect(first.report).toMatchObject({ outcome: 'ok', statements: 1 });
    const page = await suite.admin.getWikiPage(suite.project('charts'), title, { includeAttachments: true });
    expect(page?.text).toContain(`!burn-down-${month}.png!`);
    expect(page?.text).toContain(`!compliance-${month}.png!`);
    expect(page?.text).toContain(`attachment:statement-${month}.csv`);
    const names = (page?.attachments ?? []).map((attachment) => attachment.filename).sort();
    expect(names).toEqual([
      `burn-down-${month}.png`,
      `compliance-${month}.png`,
      `statement-${month}.csv`,
      `statement-${month}.html`,
    ]);
    const chart = page?.attachments?.find((attachment) => attachment.filename === `burn-down-${month}.png`);
    const png = await download(chart?.content_url ?? '');
    expect(decodePng(png).width).toBeGreaterThanOrEqual(720);
    const csv = page?.attachments?.find((attachment) => attachment.filename === `statement-${month}.csv`);
    const csvText = (await download(csv?.content_url ?? '')).toString('utf8');
    expect(csvText).toMatch(/^contract_id,/);
    expect(csvText).toContain(`,${month},`);

    const second = await runWorkerCycle(files.configPath, nowMs);
    expect(second.report).toMatchObject({ outcome: 'ok', statements: 0 });
    expect(second.stats.writes).toBe(0);

    await suite.as('staff').createTimeEntry({ issue_id: issue.id, hours: 2, spent_on: day, comments: 'Toner' });
    const third = await runWorkerCycle(files.configPath, nowMs);
    expect(third.report.statements).toBe(1);
    const republished = await suite.admin.getWikiPage(suite.project('charts'), title, { includeAttachments: true });
    const attachments = republished?.attachments ?? [];
    expect(attachments).toHaveLength(4);
    for (const prefix of FILES) expect(attachments.some((file) => file.filename.startsWith(prefix))).toBe(true);
    const ids = attachments.map((attachment) => attachment.id);
    const firstIds = (page?.attachments ?? []).map((attachment) => attachment.id);
    // The newest of each name; the first upload's files are gone.
    expect(Math.min(...ids)).toBeGreaterThan(Math.max(...firstIds));
    expect(third.lines.join('\n')).not.toContain('statement_old_attachments_kept');
  });
});
