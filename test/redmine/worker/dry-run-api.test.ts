import { dryRunApi, type PlannedRequest } from '../../../src/redmine/worker/dry-run-api';
import { ScriptedRedmineApi } from './scripted-redmine-api';

describe('dryRunApi', () => {
  it('prints uploads, the page write with its tokens and attachment deletions, and sends none of them', async () => {
    const api = new ScriptedRedmineApi();
    const printed: PlannedRequest[] = [];
    const dry = dryRunApi(api, (request) => printed.push(request));

    const { token } = await dry.uploadFile(new Uint8Array(321), 'burn-down-2026-11.png');
    const uploads = [{ token, filename: 'burn-down-2026-11.png', content_type: 'image/png' }];
    await dry.putWikiPage('support', 'SLA_Statement_2026-11', '!burn-down-2026-11.png!', 'note', uploads);
    await dry.deleteAttachment(17);

    expect(api.writeCount).toBe(0);
    expect(printed).toEqual([
      { method: 'POST', path: '/uploads.json?filename=burn-down-2026-11.png', body: { bytes: 321 } },
      {
        method: 'PUT',
        path: '/projects/support/wiki/SLA_Statement_2026-11.json',
        body: { wiki_page: { text: '!burn-down-2026-11.png!', comments: 'note', uploads } },
      },
      { method: 'DELETE', path: '/attachments/17.json', body: null },
    ]);
  });
});
