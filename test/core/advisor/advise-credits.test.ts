import { adviceToJson } from '../../../src/core/advisor/advice-json';
import { adviceText } from '../../../src/core/advisor/advice-text';
import { adviseTariffs } from '../../../src/core/advisor/advise-tariffs';
import { buildCatalog } from '../../helpers/catalog-builder';
import { issue } from '../../helpers/issue-builder';
import { msk } from '../../helpers/instants';

/**
 * The advisor compares what the client would have paid net of service credits: a tariff with a
 * higher fee whose breaches earn credits can come out cheaper than one without credits.
 */
const catalog = buildCatalog({
  tariffs: {
    plain: { name: 'Без кредитов', calendar: 'office', targets: { reaction: 60 }, prices: { monthly: 10000 } },
    credited: {
      name: 'С кредитами',
      calendar: 'office',
      targets: { reaction: 60 },
      prices: { monthly: 11000 },
      serviceCredits: { rules: [{ clocks: ['reaction'], amount: 1000 }] },
    },
  },
  contracts: { acme: { name: 'Acme', terms: [{ tariff: 'plain', from: '2026-01-01' }] } },
});
// Three requests nobody answered: each reaction clock breaches an hour after creation.
const issues = ['10:00', '11:00', '12:00'].map((time, index) =>
  issue({ key: `R-${index + 1}`, created: `2026-11-16 ${time}` }),
);
const advice = adviseTariffs(catalog, issues, {
  contractId: 'acme',
  fromMonth: '2026-11',
  toMonth: '2026-11',
  nowMs: msk('2026-12-01 10:00'),
  targetCompliancePercent: 0,
  tariffIds: ['plain', 'credited'],
});

test('Credits are taken off each tariff’s cost: 11 000 ₽ − 3 × 1 000 ₽ = 8 000 ₽ beats 10 000 ₽', () => {
  const byTariff = Object.fromEntries(
    advice.candidates.map((candidate) => [candidate.tariffId, [candidate.totalMinor, candidate.creditsMinor]]),
  );
  expect(byTariff).toEqual({ credited: [800_000, -300_000], plain: [1_000_000, 0] });
  expect(advice.recommended).toBe('credited');
});

test('The JSON and the text name the credits', () => {
  const json = adviceToJson(advice);
  expect(json.candidates.map((candidate) => [candidate.tariff, candidate.total, candidate.credits])).toEqual([
    ['credited', 8000, -3000],
    ['plain', 10000, 0],
  ]);
  expect(json.candidates[0].months[0]).toMatchObject({
    total: 8000,
    credits: -3000,
    charges: { subscription: 11000, service_credit: -3000 },
  });
  expect(adviceText(advice, 'en')).toContain('SLA credits, RUB');
});
