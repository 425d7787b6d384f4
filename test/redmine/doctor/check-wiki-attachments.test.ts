import {
  ATTACHMENT_PROBE_BYTES,
  checkWikiAttachments,
  type WikiAttachmentCheckApi,
} from '../../../src/redmine/doctor/check-wiki-attachments';
import { RedmineError } from '../../../src/redmine/errors';
import type { RedmineMembership, RedmineProjectSetup, RedmineRole, RedmineUser } from '../../../src/redmine/schemas';

const project: RedmineProjectSetup = {
  id: 7,
  name: 'Support',
  identifier: 'support',
  created_on: '2026-01-01T00:00:00Z',
  updated_on: '2026-01-01T00:00:00Z',
  trackers: [],
  issue_custom_fields: [],
  enabled_modules: [{ name: 'wiki' }],
};
const worker: RedmineUser = { id: 12, login: 'sla-worker', firstname: 'SLA', lastname: 'Worker', admin: false };
const admin: RedmineUser = { ...worker, admin: true };

/** A scripted API: answers from the script, every call logged. */
function scriptedApi(script: {
  memberships?: RedmineMembership[];
  roles?: RedmineRole[];
  upload?: { id?: number; token: string } | RedmineError;
  deleteFails?: RedmineError;
}): WikiAttachmentCheckApi & { calls: string[]; uploadedBytes: number[] } {
  const calls: string[] = [];
  const uploadedBytes: number[] = [];
  return {
    calls,
    uploadedBytes,
    getCurrentUserMemberships: async () => {
      calls.push('memberships');
      return script.memberships ?? [];
    },
    getRole: async (id: number) => {
      calls.push(`role ${id}`);
      const role = script.roles?.find((candidate) => candidate.id === id);
      if (!role) throw new Error(`unscripted role ${id}`);
      return role;
    },
    uploadFile: async (bytes: Uint8Array, filename: string) => {
      calls.push(`upload ${filename}`);
      uploadedBytes.push(bytes.byteLength);
      const answer = script.upload ?? { id: 99, token: '99.abc' };
      if (answer instanceof RedmineError) throw answer;
      return answer;
    },
    deleteAttachment: async (id: number) => {
      calls.push(`delete ${id}`);
      if (script.deleteFails) throw script.deleteFails;
    },
  };
}

function refusedUpload(status: number, redmineErrors?: string[]): RedmineError {
  return new RedmineError({
    code: status === 403 ? 'redmine_auth' : 'redmine_http',
    message: `Redmine rejected POST /uploads.json (${status})`,
    endpoint: 'POST /uploads.json',
    path: [],
    status,
    ...(redmineErrors ? { redmineErrors } : {}),
    attempts: 1,
    retryable: false,
  });
}

describe('checkWikiAttachments', () => {
  it('lets an administrator through without reading roles, and deletes the 1 MiB probe it uploaded', async () => {
    const api = scriptedApi({});
    const ok: string[] = [];

    const problems = await checkWikiAttachments(api, admin, [project], ok);

    expect(problems).toEqual([]);
    expect(api.calls).toEqual(['upload tariff-sla-check.csv', 'delete 99']);
    expect(api.uploadedBytes).toEqual([ATTACHMENT_PROBE_BYTES]);
    expect(ok).toContain('uploads of 1024 KB accepted (the probe was deleted again)');
  });

  it('accepts a member whose roles together hold both wiki permissions, reading each role once', async () => {
    const api = scriptedApi({
      memberships: [
        {
          project: { id: 7, name: 'Support' },
          roles: [
            { id: 3, name: 'Developer' },
            { id: 4, name: 'Wiki' },
          ],
        },
      ],
      roles: [
        { id: 3, name: 'Developer', permissions: ['view_issues', 'edit_wiki_pages'] },
        { id: 4, name: 'Wiki', permissions: ['delete_wiki_pages_attachments'] },
      ],
    });

    const problems = await checkWikiAttachments(api, worker, [project], []);

    expect(problems).toEqual([]);
    expect(api.calls).toEqual(['memberships', 'role 3', 'role 4', 'upload tariff-sla-check.csv', 'delete 99']);
  });

  it('names the missing permission and the runner line that adds it to the role', async () => {
    const api = scriptedApi({
      memberships: [{ project: { id: 7, name: 'Support' }, roles: [{ id: 3, name: 'Developer' }] }],
      roles: [{ id: 3, name: 'Developer', permissions: ['edit_wiki_pages'] }],
    });

    const problems = await checkWikiAttachments(api, worker, [project], []);

    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('wiki_attachment_rights');
    expect(problems[0].message).toContain('lacks delete_wiki_pages_attachments in project support');
    expect(problems[0].fix).toContain('Role.find(3).add_permission!(:delete_wiki_pages_attachments)');
  });

  it('tells a user who is no member of the wiki project how to add it', async () => {
    const api = scriptedApi({
      memberships: [{ project: { id: 8, name: 'Other' }, roles: [{ id: 3, name: 'Developer' }] }],
    });

    const problems = await checkWikiAttachments(api, worker, [project], []);

    expect(problems.map((problem) => problem.code)).toEqual(['wiki_attachment_rights']);
    expect(problems[0].message).toContain('is no member of project support');
    expect(problems[0].fix).toContain('Member.create!(principal: User.find(12), project: Project.find(7)');
    expect(api.calls).not.toContain('role 3');
  });

  it('says how to check the wiki rights by hand when Redmine will not show the roles to the key', async () => {
    const api = scriptedApi({
      memberships: [{ project: { id: 7, name: 'Support' }, roles: [{ id: 3, name: 'Developer' }] }],
    });
    api.getRole = async () => {
      throw new RedmineError({
        code: 'redmine_auth',
        message: 'forbidden',
        endpoint: 'GET /roles/3.json',
        path: [],
        status: 403,
        attempts: 1,
        retryable: false,
      });
    };

    const problems = await checkWikiAttachments(api, worker, [project], []);

    expect(problems.map((problem) => problem.code)).toEqual(['wiki_attachment_rights']);
    expect(problems[0].message).toContain('GET /roles/3.json answered 403');
    expect(problems[0].fix).toContain('u.allowed_to?(:delete_wiki_pages_attachments, p)');
    // The size is still probed.
    expect(api.calls).toContain('upload tariff-sla-check.csv');
  });

  it("reports Redmine's size limit with the setting that lifts it, and deletes nothing", async () => {
    const api = scriptedApi({
      upload: refusedUpload(422, [
        'This file cannot be uploaded because it exceeds the maximum allowed file size (512 KB)',
      ]),
    });

    const problems = await checkWikiAttachments(api, admin, [project], []);

    expect(problems.map((problem) => problem.code)).toEqual(['attachment_too_large']);
    expect(problems[0].message).toContain('exceeds the maximum allowed file size (512 KB)');
    expect(problems[0].fix).toContain('Setting.attachment_max_size = 1024 if Setting.attachment_max_size.to_i < 1024');
    expect(api.calls).toEqual(['upload tariff-sla-check.csv']);
  });

  it("reports a proxy's 413 as a size limit too", async () => {
    const problems = await checkWikiAttachments(scriptedApi({ upload: refusedUpload(413) }), admin, [project], []);
    expect(problems.map((problem) => problem.code)).toEqual(['attachment_too_large']);
    expect(problems[0].fix).toContain('client_max_body_size');
  });

  it('reports a refused extension apart from the size', async () => {
    const api = scriptedApi({ upload: refusedUpload(422, ['File extension csv is not allowed']) });
    const problems = await checkWikiAttachments(api, admin, [project], []);
    expect(problems.map((problem) => problem.code)).toEqual(['attachment_refused']);
    expect(problems[0].message).toContain('File extension csv is not allowed');
  });

  it('reports an upload the key may not make', async () => {
    const problems = await checkWikiAttachments(scriptedApi({ upload: refusedUpload(403) }), admin, [project], []);
    expect(problems.map((problem) => problem.code)).toEqual(['wiki_attachment_rights']);
    expect(problems[0].fix).toContain('add_permission!(:edit_wiki_pages)');
  });

  it('names the probe left behind, and how to remove it, when its delete fails — the rest of the report kept', async () => {
    const failure = new RedmineError({
      code: 'redmine_unreachable',
      message: 'Redmine did not answer DELETE /attachments/99.json (connection reset)',
      endpoint: 'DELETE /attachments/99.json',
      path: [],
      attempts: 3,
      retryable: true,
    });
    const api = scriptedApi({ deleteFails: failure });
    const ok: string[] = [];

    const problems = await checkWikiAttachments(api, admin, [project], ok);

    expect(api.calls).toEqual(['upload tariff-sla-check.csv', 'delete 99']);
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('attachment_probe_left');
    expect(problems[0].message).toContain('tariff-sla-check.csv');
    expect(problems[0].message).toContain('#99');
    expect(problems[0].fix).toContain('Attachment.where(id: 99, container_id: nil).destroy_all');
    expect(problems[0].fix).toContain('redmine:attachments:prune');
    expect(ok.join('\n')).not.toContain('deleted again');
    expect(ok).toContain('uploads of 1024 KB accepted');
  });

  it('does not claim to have deleted a probe whose id Redmine did not give, and says how to find it', async () => {
    const api = scriptedApi({ upload: { token: 'abc' } });
    const ok: string[] = [];

    const problems = await checkWikiAttachments(api, admin, [project], ok);

    expect(api.calls).toEqual(['upload tariff-sla-check.csv']);
    expect(ok.join('\n')).not.toContain('deleted again');
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'attachment_probe_left',
        fix: expect.stringContaining(
          'Attachment.where(filename: "tariff-sla-check.csv", container_id: nil).destroy_all',
        ),
      }),
    ]);
  });

  it('asks nothing when no project receives statements', async () => {
    const api = scriptedApi({});
    expect(await checkWikiAttachments(api, worker, [], [])).toEqual([]);
    expect(api.calls).toEqual([]);
  });
});
