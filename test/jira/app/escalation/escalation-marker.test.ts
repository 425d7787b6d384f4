import { commentReference, referenceLine } from '../../../../src/jira/escalation/escalation-marker';

describe('escalation markers', () => {
  it('name the comment reference after the issue and the marker', () => {
    expect(commentReference('10001', '1:resolution:2')).toBe('sla-esc-10001-1-resolution-2');
  });

  it('close a comment with the clock, the level and the reference', () => {
    expect(referenceLine('resolution', 2, 'sla-esc-10001-1-resolution-2')).toBe(
      '[Tariff SLA · resolution · level 2 · sla-esc-10001-1-resolution-2]',
    );
  });
});
