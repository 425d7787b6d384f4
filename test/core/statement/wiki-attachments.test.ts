import { wikiAttachmentsBlock } from '../../../src/core/statement/wiki-attachments';

describe('wikiAttachmentsBlock', () => {
  const names = {
    images: ['burn-down-2026-11.png', 'compliance-2026-11.png'],
    files: ['statement-2026-11.html', 'statement-2026-11.csv'],
  };

  it('shows images inline and links the other files in Textile', () => {
    expect(wikiAttachmentsBlock('textile', names)).toBe(
      '!burn-down-2026-11.png!\n\n!compliance-2026-11.png!\n\nattachment:statement-2026-11.html · attachment:statement-2026-11.csv',
    );
  });

  it('shows images inline and links the other files in Markdown', () => {
    expect(wikiAttachmentsBlock('markdown', names)).toBe(
      '![burn-down-2026-11.png](burn-down-2026-11.png)\n\n![compliance-2026-11.png](compliance-2026-11.png)\n\nattachment:statement-2026-11.html · attachment:statement-2026-11.csv',
    );
  });

  it.each(['a b.png', '!x!.png', '](evil).png', '../x.csv', ''])(
    'refuses the name %j, which could carry markup',
    (name) => {
      expect(() => wikiAttachmentsBlock('textile', { images: [name], files: [] })).toThrow(/attachment name/);
    },
  );
});
