import { gadgetContextOf } from '../../../../src/jira/ui/dashboard-gadget/gadget-context';

describe("the gadget's mode and saved configuration, read from Jira's context", () => {
  it('reads edit mode, the saved contract and month, and the viewer zone', () => {
    expect(
      gadgetContextOf({
        timezone: 'Asia/Tokyo',
        extension: { entryPoint: 'edit', gadgetConfiguration: { contract: 'client-d', month: '2026-10' } },
      }),
    ).toEqual({ mode: 'edit', configuration: { contract: 'client-d', month: '2026-10' }, timeZone: 'Asia/Tokyo' });
  });

  it('opens in view mode with no configuration when the gadget was never configured', () => {
    expect(gadgetContextOf({ extension: {} })).toEqual({ mode: 'view', configuration: {}, timeZone: undefined });
    expect(gadgetContextOf(null)).toEqual({ mode: 'view', configuration: {}, timeZone: undefined });
  });

  it('treats a configuration that no longer fits as none instead of failing', () => {
    for (const gadgetConfiguration of [{ month: 'November' }, { contract: 42 }, 'client-d', { contract: '' }])
      expect(gadgetContextOf({ extension: { gadgetConfiguration } }).configuration).toEqual({});
  });
});
