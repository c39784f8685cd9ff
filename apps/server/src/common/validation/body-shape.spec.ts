import { BODY_SHAPE_LIMITS, bodyShapeProblem } from './body-shape';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

describe('bodyShapeProblem', () => {
  it('accepts the bodies the API takes, up to its largest (5,000 ids)', () => {
    expect(bodyShapeProblem({ password: 'x' })).toBeNull();
    expect(bodyShapeProblem({ providers: { hoster_order: ['voe', 'vidmoly'] } })).toBeNull();
    expect(bodyShapeProblem({ item_ids: Array.from({ length: 5000 }, (_, i) => `id-${i}`) })).toBe(
      null,
    );
    expect(bodyShapeProblem({})).toBeNull();
  });

  it('refuses bodies that are not objects', () => {
    for (const body of [[], [1], 'text', 42, null, true])
      expect(bodyShapeProblem(body)).toBe('the request body must be a JSON object');
  });

  it('refuses too many keys, too long arrays, too deep nesting and too many values', () => {
    const keys = Object.fromEntries(Array.from({ length: 80_000 }, (_, i) => [`k${i}`, i]));
    expect(bodyShapeProblem(keys)).toBe('an object in the request body has more than 100 keys');
    expect(bodyShapeProblem({ items: new Array(499_000).fill(0) })).toBe(
      'an array in the request body has more than 5000 items',
    );
    expect(bodyShapeProblem(nested(11))).toBe('the request body is nested deeper than 10 levels');
    expect(bodyShapeProblem(nested(10))).toBeNull();
    const wide = { a: Array.from({ length: 5 }, () => new Array(5000).fill(1)) };
    expect(bodyShapeProblem(wide)).toBe(
      `the request body has more than ${BODY_SHAPE_LIMITS.maxNodes} values`,
    );
  });

  it('walks a body nested a million levels deep without overflowing the stack', () => {
    expect(bodyShapeProblem(nested(1_000_000))).toBe(
      'the request body is nested deeper than 10 levels',
    );
  });
});
