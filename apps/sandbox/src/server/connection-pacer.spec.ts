import { ConnectionPacer } from './connection-pacer';

describe('ConnectionPacer', () => {
  const rate = 1000; // bytes per second: 1 byte per ms

  it('charges every byte sent on the connection, whichever response sent it', () => {
    const pacer = new ConnectionPacer();
    expect(pacer.charge(100, rate, 0)).toBe(100);
    // A second response on the same socket at the same moment queues behind the first one's bytes.
    expect(pacer.charge(100, rate, 0)).toBe(200);
  });

  it('absorbs a late timer while sending back to back, but gives no credit for idle time', () => {
    const pacer = new ConnectionPacer();
    pacer.charge(100, rate, 0);
    // Woken 5 ms late: the next chunk is still due 100 ms after the previous deadline.
    expect(pacer.charge(100, rate, 105)).toBe(95);
    // Idle for a second: no burst, the chunk takes its full time from now.
    expect(pacer.charge(100, rate, 1300)).toBe(100);
  });
});
