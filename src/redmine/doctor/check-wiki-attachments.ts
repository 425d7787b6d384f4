import type { RedmineClient } from '../client';
import { RedmineError } from '../errors';
import type { RedmineProjectSetup, RedmineUser } from '../schemas';
import { runnerLine } from './setup-runner-script';

/** The Redmine calls of this check: reads, and one upload it deletes at once. */
export type WikiAttachmentCheckApi = Pick<
  RedmineClient,
  'getCurrentUserMemberships' | 'getRole' | 'uploadFile' | 'deleteAttachment'
>;

/**
 * Size of the probe upload. The worker's largest file is the month's HTML statement: 52 KB for
 * the 2 000 issues of the Redmine benchmark, charts 8–24 KB, the CSV 36 KB (bench/README.md);
 * 1 MiB leaves room for twenty times that.
 */
export const ATTACHMENT_PROBE_BYTES = 1024 * 1024;
const PROBE_KB = ATTACHMENT_PROBE_BYTES / 1024;
// A CSV, like the statement's own: an extension Redmine's allow/deny lists must let through anyway.
const PROBE_NAME = 'tariff-sla-check.csv';

/** Attaching files to a wiki page needs the first; replacing the worker's older copies the second. */
const WIKI_PERMISSIONS = ['edit_wiki_pages', 'delete_wiki_pages_attachments'] as const;

/** A problem of this check, in the doctor's shape. */
export interface WikiAttachmentProblem {
  code: 'wiki_attachment_rights' | 'attachment_too_large' | 'attachment_refused' | 'attachment_probe_left';
  path: Array<string | number>;
  message: string;
  fix: string;
}

const RAILS = 'Rails runner: ';

function sizeLimitProblem(detail: string): WikiAttachmentProblem {
  return {
    code: 'attachment_too_large',
    path: ['statements'],
    message: `Redmine refused a ${PROBE_KB} KB upload (${detail}): the statement's HTML, CSV and charts may not attach`,
    fix: `${RAILS}${runnerLine(`Setting.attachment_max_size = ${PROBE_KB} if Setting.attachment_max_size.to_i < ${PROBE_KB}`)}  (Administration → Settings → Files → Maximum attachment size, in KB; a proxy in front of Redmine must accept such bodies too, e.g. nginx client_max_body_size 2m)`,
  };
}

/** Whether the user's roles in each wiki project carry the wiki permissions; problems for those that do not. */
async function checkRoles(
  api: WikiAttachmentCheckApi,
  me: RedmineUser,
  wikiProjects: readonly RedmineProjectSetup[],
  ok: string[],
): Promise<WikiAttachmentProblem[]> {
  const memberships = await api.getCurrentUserMemberships();
  const permissions = new Map<number, ReadonlySet<string>>();
  const problems: WikiAttachmentProblem[] = [];
  for (const project of wikiProjects) {
    const roles = memberships.filter((membership) => membership.project.id === project.id).flatMap((m) => m.roles);
    if (roles.length === 0) {
      problems.push({
        code: 'wiki_attachment_rights',
        path: ['contracts'],
        message: `user ${me.login ?? me.id} is no member of project ${project.identifier}: it may not attach the statement's files to its wiki`,
        fix: `${RAILS}${runnerLine(`Member.create!(principal: User.find(${me.id}), project: Project.find(${project.id}), role_ids: [Role.givable.detect { |r| r.has_permission?(:edit_wiki_pages) && r.has_permission?(:delete_wiki_pages_attachments) }.id])`)}`,
      });
      continue;
    }
    const held = new Set<string>();
    for (const role of roles) {
      if (!permissions.has(role.id)) permissions.set(role.id, new Set((await api.getRole(role.id)).permissions));
      for (const permission of permissions.get(role.id) ?? []) held.add(permission);
    }
    const missing = WIKI_PERMISSIONS.filter((permission) => !held.has(permission));
    if (missing.length === 0) {
      ok.push(
        `wiki of ${project.identifier}: may attach and replace files (roles ${roles.map((role) => role.name).join(', ')})`,
      );
      continue;
    }
    problems.push({
      code: 'wiki_attachment_rights',
      path: ['contracts'],
      message: `user ${me.login ?? me.id} lacks ${missing.join(' and ')} in project ${project.identifier} (roles ${roles.map((role) => role.name).join(', ')}): ${missing.includes('edit_wiki_pages') ? "the statement's files cannot be attached" : 'older copies of the charts and files cannot be deleted'}`,
      fix: `${RAILS}${runnerLine(`Role.find(${roles[0].id}).add_permission!(${missing.map((permission) => `:${permission}`).join(', ')})`)}`,
    });
  }
  return problems;
}

/** {@link checkRoles}, or one problem saying how to check by hand when this Redmine will not show roles to the key. */
async function rolesOrUnreadable(
  api: WikiAttachmentCheckApi,
  me: RedmineUser,
  wikiProjects: readonly RedmineProjectSetup[],
  ok: string[],
): Promise<WikiAttachmentProblem[]> {
  try {
    return await checkRoles(api, me, wikiProjects, ok);
  } catch (error) {
    if (!(error instanceof RedmineError) || error.code !== 'redmine_auth' || error.status !== 403) throw error;
    return [
      {
        code: 'wiki_attachment_rights',
        path: ['redmine', 'apiKey'],
        message: `the roles of user ${me.login ?? me.id} could not be read (${error.endpoint} answered 403): whether it may attach and delete wiki files is not known`,
        fix: `${RAILS}${runnerLine(`u = User.find(${me.id}); puts Project.where(id: [${wikiProjects.map((project) => project.id).join(', ')}]).map { |p| [p.identifier, u.allowed_to?(:edit_wiki_pages, p), u.allowed_to?(:delete_wiki_pages_attachments, p)].join(" ") }`)}  — each line must end in "true true"`,
      },
    ];
  }
}

/** Uploads the probe and deletes it; a refusal or a size limit is a problem. */
async function probeUpload(
  api: WikiAttachmentCheckApi,
  me: RedmineUser,
  ok: string[],
): Promise<WikiAttachmentProblem[]> {
  let uploaded: { id?: number; token: string };
  try {
    uploaded = await api.uploadFile(new Uint8Array(ATTACHMENT_PROBE_BYTES), PROBE_NAME);
  } catch (error) {
    if (!(error instanceof RedmineError)) throw error;
    if (error.status === 413) return [sizeLimitProblem('413 Payload Too Large')];
    if (error.status === 422) {
      const reasons = error.redmineErrors?.join('; ') ?? error.message;
      if (/size|large/i.test(reasons)) return [sizeLimitProblem(reasons)];
      return [
        {
          code: 'attachment_refused',
          path: ['statements'],
          message: `Redmine refused the probe upload ${PROBE_NAME}: ${reasons}`,
          fix: 'Administration → Settings → Files: allow the extensions png, html and csv (Allowed extensions empty, or listing them; none of them under Disallowed extensions)',
        },
      ];
    }
    if (error.code === 'redmine_auth' && error.status === 403)
      return [
        {
          code: 'wiki_attachment_rights',
          path: ['redmine', 'apiKey'],
          message: `user ${me.login ?? me.id} may not upload files (POST /uploads.json answered 403)`,
          fix: `${RAILS}${runnerLine(`Role.find(<the user's role in the wiki project>).add_permission!(:edit_wiki_pages)`)}`,
        },
      ];
    throw error;
  }
  return deleteProbe(api, uploaded.id, ok);
}

/**
 * The probe left behind (its delete failed, or Redmine gave no id), named, with how to remove it:
 * unattached, it shows nowhere, and `rake redmine:attachments:prune` deletes it after a day.
 */
function probeLeftProblem(id: number | undefined, why: string): WikiAttachmentProblem {
  const which = id === undefined ? `filename: ${JSON.stringify(PROBE_NAME)}` : `id: ${id}`;
  return {
    code: 'attachment_probe_left',
    path: ['statements'],
    message: `the probe upload ${PROBE_NAME}${id === undefined ? '' : ` (attachment #${id})`} was left on Redmine: ${why}; it is attached to nothing and shows nowhere`,
    fix: `${RAILS}${runnerLine(`Attachment.where(${which}, container_id: nil).destroy_all`)}  — or let Redmine's rake redmine:attachments:prune (cron) delete it after a day`,
  };
}

/** Deletes the unattached probe (its author may); a failed delete is a problem naming the file, not a crash. */
async function deleteProbe(
  api: WikiAttachmentCheckApi,
  id: number | undefined,
  ok: string[],
): Promise<WikiAttachmentProblem[]> {
  if (id === undefined) {
    ok.push(`uploads of ${PROBE_KB} KB accepted`);
    return [probeLeftProblem(undefined, 'Redmine gave no attachment id to delete it by')];
  }
  try {
    await api.deleteAttachment(id);
  } catch (error) {
    if (!(error instanceof RedmineError)) throw error;
    ok.push(`uploads of ${PROBE_KB} KB accepted`);
    return [
      probeLeftProblem(id, `its delete failed (${error.code}${error.status === undefined ? '' : ` ${error.status}`})`),
    ];
  }
  ok.push(`uploads of ${PROBE_KB} KB accepted (the probe was deleted again)`);
  return [];
}

/**
 * Whether the worker can publish the statement's attachments (PNG charts, HTML, CSV): the key's
 * user may attach files to the wiki pages of the statement projects and delete older ones
 * (permissions *Edit wiki pages* and *Delete wiki pages attachments*, read from its roles; an
 * administrator has every permission), and Redmine accepts an upload of
 * {@link ATTACHMENT_PROBE_BYTES} (one probe, unattached, deleted right after).
 *
 * @example
 * const problems = await checkWikiAttachments(client, me, wikiProjects, report.ok);
 */
export async function checkWikiAttachments(
  api: WikiAttachmentCheckApi,
  me: RedmineUser,
  wikiProjects: readonly RedmineProjectSetup[],
  ok: string[],
): Promise<WikiAttachmentProblem[]> {
  if (wikiProjects.length === 0) return [];
  const problems: WikiAttachmentProblem[] = [];
  if (me.admin === true) ok.push('wiki attachments: an administrator may attach and delete files');
  else problems.push(...(await rolesOrUnreadable(api, me, wikiProjects, ok)));
  problems.push(...(await probeUpload(api, me, ok)));
  return problems;
}
