import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('lets a burst through, then asks to wait in proportion to the debt', () => {
    let now = 0;
    const b = new TokenBucket(1000, () => now, 0.5);
    expect(b.take(500)).toBe(0);
    expect(b.take(500)).toBeCloseTo(500);
    now += 500;
    expect(b.take(0)).toBe(0);
  });
  it('is shared: two consumers together get the rate, not each', () => {
    const b = new TokenBucket(1000, () => 0, 0);
    const waitA = b.take(1000);
    const waitB = b.take(1000);
    expect(waitA).toBeCloseTo(1000);
    expect(waitB).toBeCloseTo(2000);
  });
  it('rejects a zero rate', () => expect(() => new TokenBucket(0)).toThrow(RangeError));
});
