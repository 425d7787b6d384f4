import { catalogDocument } from '../helpers/catalog-builder';

/**
 * One shared service desk, two clients, told apart by the client named on the request (a JSM
 * organization in Jira, a "Client" list field in Redmine, `attributes.organizations` in the CLI's
 * file), and a project of client A's own. Both tariffs allow 2 incidents a day. All requests are
 * incidents created on Monday 2026-11-16 (Moscow).
 */
export interface ScenarioRequest {
  readonly name: string;
  /** `desk`: the shared project; `alfa`: client A's own project. */
  readonly project: 'desk' | 'alfa';
  /** Moscow wall time on 2026-11-16, HH:MM. */
  readonly created: string;
  /** The client named at creation (none: the field was empty). */
  readonly client: string | null;
  /** A later change of the client (the contract stays the one at creation). */
  readonly clientLater?: { readonly at: string; readonly to: string };
}

export const SCENARIO: readonly ScenarioRequest[] = [
  { name: 'A1', project: 'alfa', created: '08:00', client: null },
  { name: 'R1', project: 'desk', created: '09:00', client: 'Alfa', clientLater: { at: '15:00', to: 'Beta' } },
  { name: 'R2', project: 'desk', created: '10:00', client: 'Beta' },
  { name: 'R3', project: 'desk', created: '11:00', client: 'Alfa' },
  { name: 'R4', project: 'desk', created: '12:00', client: 'Alfa' },
  { name: 'R5', project: 'desk', created: '13:00', client: 'Zeta' },
  { name: 'R6', project: 'desk', created: '14:00', client: 'Beta' },
];

/** The scenario's instant and month. */
export const SCENARIO_AT = '2026-11-16 18:00';
export const SCENARIO_MONTH = '2026-11';

/** What every surface must agree on. */
export const EXPECTED_CONTRACTS: Readonly<Record<string, string>> = {
  A1: 'client-a',
  R1: 'client-a',
  R2: 'client-b',
  R3: 'client-a',
  R4: 'client-a',
  R6: 'client-b',
};
/** Client A's third and fourth incidents of the day, across both projects. */
export const EXPECTED_OVER_LIMIT = ['R3', 'R4'];
export const EXPECTED_NOT_COVERED = ['R5'];

/** The catalog of the scenario (the test catalog's calendar and statuses, two clients on a 2-a-day tariff). */
export function scenarioCatalogDocument(): Record<string, unknown> {
  return catalogDocument({
    tariffs: { main: { incidentsPerDay: 2, prices: { monthly: 50000 } } },
    contracts: {
      acme: undefined,
      'client-a': { name: 'Alfa LLC', terms: [{ tariff: 'main', from: '2026-01-01' }] },
      'client-b': { name: 'Beta JSC', terms: [{ tariff: 'main', from: '2026-01-01' }] },
    },
  });
}

/** The statement figures compared across surfaces: per contract, the incidents and the SLA compliance. */
export interface StatementFigures {
  readonly received: number;
  readonly overLimit: number;
  readonly perDay: unknown;
  readonly sla: unknown;
  /** Scenario names of the requests the statement lists as not covered. */
  readonly notCovered: string[];
}
