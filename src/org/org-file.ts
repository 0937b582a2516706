// The org file: YAML → validated OrgFile, with every error naming its place ("line 34: centers[2].manager: …").
import { z } from 'zod';
import { isIsoDay } from '../lib/shanghai.ts';
import { parseYamlFile, YamlFileError, type Path, type Problem } from '../lib/yaml-file.ts';

const ROLES = ['manager', 'supervisor', 'leader', 'quality', 'admin', 'customer_service', 'general_manager'] as const;
type Role = (typeof ROLES)[number];
export const DEPARTMENTS = ['quality_center', 'admin', 'customer_service'] as const;

/** A zod error callback: "is required" when the key is absent, else the given message. */
const requiredOr = (message: string) => (iss: { input?: unknown }) => (iss.input === undefined ? 'is required' : message);

const personId = z
  .string({ error: requiredOr('must be a text id such as m1') })
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be letters, digits, "_", "-" or "." (at most 64)');

const day = z
  .union([z.string(), z.date()], { error: requiredOr('must be a date written as YYYY-MM-DD') })
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .refine(isIsoDay, { message: 'must be a real date written as YYYY-MM-DD' });

const role = z.enum(ROLES, { error: (iss) => `unknown role ${JSON.stringify(iss.input)}; use one of ${ROLES.join(', ')}` });

const PersonSchema = z
  .strictObject({
    id: personId,
    name: z.string().trim().min(1, 'must not be empty').max(50),
    open_id: z
      .string()
      .trim()
      .regex(/^ou_[A-Za-z0-9_-]+$/, 'must look like ou_…')
      .optional(),
    email: z.email('must be an email address').optional(),
    mobile: z
      .union([z.string(), z.number()])
      .transform((v) => String(v).trim())
      .refine((v) => /^\+?[0-9 -]{5,20}$/.test(v), { message: 'must be a phone number' })
      .optional(),
    roles: z.array(role).min(1, 'must list at least one role'),
    since: day.optional(),
    /** newly appointed as a manager on this day: the onboarding rules apply for the first month */
    appointed: day.optional(),
    /** leave (请假): the duties that fall in it are suspended */
    leave: z.array(z.strictObject({ from: day, to: day, reason: z.string().trim().max(100).optional() })).default([]),
  })
  .refine((p) => p.open_id || p.email || p.mobile, {
    message: 'needs open_id, email or mobile so the bot can reach this person',
  });

const CenterSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be letters, digits, "_" or "-"'),
  name: z.string().trim().min(1, 'must not be empty').max(100),
  headcount: z
    .number({ error: requiredOr('must be a whole number') })
    .int('must be a whole number')
    .min(0)
    .max(100000),
  households: z
    .number({ error: requiredOr('must be a whole number') })
    .int('must be a whole number')
    .min(0)
    .max(1000000),
  posts: z.array(z.string().trim().min(1)).min(1, 'must list at least one post'),
  manager: personId,
  supervisors: z.array(personId).default([]),
  leader: personId,
  chat: z
    .string()
    .trim()
    .regex(/^oc_[A-Za-z0-9_-]+$/, 'must look like oc_…')
    .optional(),
});

const OrgFileSchema = z.strictObject({
  company: z.string().trim().min(1, 'must not be empty'),
  chats: z
    .strictObject({
      announcements: z
        .string()
        .trim()
        .regex(/^oc_[A-Za-z0-9_-]+$/, 'must look like oc_…')
        .optional(),
    })
    .default({}),
  departments: z
    .strictObject({
      quality_center: z.array(personId).default([]),
      admin: z.array(personId).default([]),
      customer_service: z.array(personId).default([]),
    })
    .default({ quality_center: [], admin: [], customer_service: [] }),
  people: z.array(PersonSchema).min(1, 'must list at least one person'),
  centers: z.array(CenterSchema).default([]),
});

export type OrgFile = z.infer<typeof OrgFileSchema>;
type OrgPerson = OrgFile['people'][number];

export class OrgFileError extends YamlFileError {
  override readonly code = 'ORG_FILE_INVALID';
  constructor(source: string, problems: Problem[]) {
    super(source, problems);
    this.name = 'OrgFileError';
  }
}

/** Cross-reference checks that a schema cannot express: unique ids, known people, roles that fit the post. */
function checkReferences(org: OrgFile): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, { index: number; person: OrgPerson }>();
  const openIds = new Map<string, number>();
  org.people.forEach((person, index) => {
    person.leave.forEach((l, i) => {
      if (l.to < l.from) problems.push({ path: ['people', index, 'leave', i, 'to'], message: `must not be before from (${l.from})` });
    });
    const first = byId.get(person.id);
    if (first) problems.push({ path: ['people', index, 'id'], message: `duplicate id "${person.id}" (also people[${first.index}])` });
    else byId.set(person.id, { index, person });
    if (person.open_id) {
      const other = openIds.get(person.open_id);
      if (other !== undefined)
        problems.push({ path: ['people', index, 'open_id'], message: `duplicate open_id "${person.open_id}" (also people[${other}])` });
      else openIds.set(person.open_id, index);
    }
  });

  const needPerson = (path: Path, id: string, wantRole?: Role) => {
    const found = byId.get(id);
    if (!found) problems.push({ path, message: `unknown person "${id}"` });
    else if (wantRole && !found.person.roles.includes(wantRole))
      problems.push({ path, message: `"${id}" (${found.person.name}) does not have the ${wantRole} role` });
  };

  for (const dept of DEPARTMENTS) {
    org.departments[dept].forEach((id, i) => needPerson(['departments', dept, i], id));
  }

  const codes = new Map<string, number>();
  const managerOf = new Map<string, string>();
  org.centers.forEach((center, index) => {
    const other = codes.get(center.code);
    if (other !== undefined)
      problems.push({ path: ['centers', index, 'code'], message: `duplicate code "${center.code}" (also centers[${other}])` });
    else codes.set(center.code, index);
    needPerson(['centers', index, 'manager'], center.manager, 'manager');
    const managed = managerOf.get(center.manager);
    if (managed)
      problems.push({
        path: ['centers', index, 'manager'],
        message: `"${center.manager}" already manages ${managed}; a manager runs one center`,
      });
    else managerOf.set(center.manager, center.code);
    needPerson(['centers', index, 'leader'], center.leader, 'leader');
    const seen = new Set<string>();
    center.supervisors.forEach((id, i) => {
      if (seen.has(id)) problems.push({ path: ['centers', index, 'supervisors', i], message: `"${id}" is listed twice` });
      seen.add(id);
      needPerson(['centers', index, 'supervisors', i], id, 'supervisor');
    });
    const posts = new Set<string>();
    center.posts.forEach((post, i) => {
      if (posts.has(post)) problems.push({ path: ['centers', index, 'posts', i], message: `post "${post}" is listed twice` });
      posts.add(post);
    });
  });
  return problems;
}

/** Parses and validates an org file's text; throws OrgFileError listing every problem with its line. */
export function parseOrgFile(text: string, source = 'org file'): OrgFile {
  return parseYamlFile(OrgFileSchema, text, source, { check: checkReferences, error: OrgFileError });
}
