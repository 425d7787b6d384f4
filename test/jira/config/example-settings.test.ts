import { parseSettingsTexts } from '../../../src/jira/config/app-settings';
import { seedSettingsTexts } from '../../helpers/seed-settings';

describe('the example Jira settings', () => {
  it('examples/jira-mapping.yml and examples/notifications.yml validate against examples/catalog.yml', () => {
    const { catalogText, mappingText, holidayFiles } = seedSettingsTexts();
    const result = parseSettingsTexts(catalogText, mappingText, Date.parse('2026-11-20T12:00:00Z'), holidayFiles);
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
    const { catalog, mapping } = result.settings;
    expect(Object.keys(catalog.catalog.notificationChannels)).toEqual([
      'support-telegram',
      'alfa-slack',
      'l3-teams',
      'tracker-mail',
    ]);
    expect(catalog.catalog.contracts['client-a'].notify).toHaveLength(3);
    expect(mapping.contractRules?.rules.map((rule) => rule.kind)).toEqual([
      'organization',
      'organization',
      'field',
      'project',
    ]);
    expect(Object.keys(mapping.lineRequirements)).toEqual(['L2', 'L3']);
    expect(mapping.projects.ALFA.satisfaction).toEqual({ field: 'customfield_10040', dateField: 'customfield_10041' });
  });
});
