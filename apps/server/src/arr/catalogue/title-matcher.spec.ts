import { foldTitle, MATCH_THRESHOLD, scoreTitle, TitleIndex } from './title-matcher';

describe('title matcher', () => {
  it("folds titles the way Sonarr's CleanSceneTitle writes them", () => {
    expect(foldTitle("Mädchen & Drachen: Ein 'Abenteuer'")).toBe(
      'madchen and drachen ein abenteuer',
    );
    expect(foldTitle('The Daily Life of the Immortal King')).toBe(
      'daily life of the immortal king',
    );
    expect(foldTitle('Dr. Stone')).toBe('dr stone');
    expect(foldTitle('Straße')).toBe('strasse');
  });

  it('scores the same title 1, spacing-only differences just below, others by shared words', () => {
    expect(
      scoreTitle('Madchen and Drachen Ein Abenteuer', "Mädchen & Drachen: Ein 'Abenteuer'"),
    ).toBe(1);
    expect(scoreTitle('Dr Stone', 'DrStone')).toBeCloseTo(0.97);
    expect(scoreTitle('Attack on Titan', 'Attack on Titan Junior High')).toBeLessThan(
      MATCH_THRESHOLD,
    );
    expect(scoreTitle('', 'x')).toBe(0);
  });

  it('ranks indexed series by their best title, alternative titles included', () => {
    const index = new TitleIndex<string>();
    index.add('sternenwanderer', ['Sternenwanderer', 'Star Wanderer', 'Hoshi no Tabibito']);
    index.add('star-wars', ['Star Wars: The Clone Wars']);
    index.add('kuro', ['Kleine Katze Kuro', 'Little Cat Kuro']);
    expect(index.rank('Star Wanderer')).toEqual([{ value: 'sternenwanderer', score: 1 }]);
    expect(index.rank('hoshi no tabibito')[0].value).toBe('sternenwanderer');
    expect(index.rank('Little Cat Kuro')[0].value).toBe('kuro');
    expect(index.rank('Star')).toEqual([]);
    expect(index.rank('Unknown Series That Does Not Exist')).toEqual([]);
    expect(index.size).toBe(3);
  });

  it('keeps both sites of one title as a tie, in insertion order', () => {
    const index = new TitleIndex<string>();
    index.add('aniworld', ['Sternenwanderer']);
    index.add('sto', ['Sternenwanderer']);
    expect(index.rank('Sternenwanderer').map((r) => r.value)).toEqual(['aniworld', 'sto']);
  });

  it('finds the series whose title starts a query, longest title first, with the rest folded', () => {
    const index = new TitleIndex<string>();
    index.add('star', ['Star']);
    index.add('sternenwanderer', ['Sternenwanderer', 'Star Wanderer']);
    expect(index.prefixed(foldTitle('Star Wanderer: The First Star'))).toEqual([
      { value: 'sternenwanderer', rest: 'the first star' },
      { value: 'star', rest: 'wanderer the first star' },
    ]);
    expect(index.prefixed(foldTitle('Sternenwanderer'))).toEqual([]);
  });
});
