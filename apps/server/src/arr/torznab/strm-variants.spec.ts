import { offeredModes, pageWithModes, withModes } from './strm-variants';

describe('STRM variants of the feed', () => {
  it('offers downloads, both kinds, or .strm only', () => {
    expect(offeredModes('off')).toEqual(['download']);
    expect(offeredModes('both')).toEqual(['download', 'strm']);
    expect(offeredModes('only')).toEqual(['strm']);
  });

  it('puts both variants of an episode next to each other', () => {
    expect(withModes([{ n: 1 }, { n: 2 }], ['download', 'strm'])).toEqual([
      { n: 1, mode: 'download' },
      { n: 1, mode: 'strm' },
      { n: 2, mode: 'download' },
      { n: 2, mode: 'strm' },
    ]);
  });

  it('pages the expanded list exactly as if it were stored expanded', async () => {
    const rows = Array.from({ length: 7 }, (_, n) => ({ n }));
    const stored = async (offset: number, limit: number): Promise<[{ n: number }[], number]> => [
      rows.slice(offset, offset + limit),
      rows.length,
    ];
    const full = withModes(rows, ['download', 'strm']).map((i) => `${i.n}${i.mode[0]}`);
    for (let offset = 0; offset <= 15; offset++)
      for (const limit of [1, 2, 3, 5, 100]) {
        const [page, total] = await pageWithModes(offset, limit, ['download', 'strm'], (o, l) =>
          stored(o, l),
        );
        expect(total).toBe(14);
        expect(page.map((i) => `${i.n}${i.mode[0]}`)).toEqual(full.slice(offset, offset + limit));
      }
  });
});
