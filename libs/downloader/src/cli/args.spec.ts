import { parseArgs, parseHeader, parseRate, UsageError } from './args';
import { describeFailure, EXIT } from './exit-codes';
import { formatBytes, formatDuration, progressLine } from './format';
import { DiskFull, LinkExpired } from '../lib/core/errors';

describe('CLI arguments', () => {
  it.each([
    ['5M', 5 * 1024 * 1024],
    ['500K', 500 * 1024],
    ['1.5m', 1.5 * 1024 * 1024],
    ['1048576', 1048576],
    ['2MiB', 2 * 1024 * 1024],
  ])('rate %s = %i bytes/s', (text, bytes) => expect(parseRate(text)).toBe(bytes));

  it('rejects bad rates and headers with a usage error', () => {
    expect(() => parseRate('fast')).toThrow(UsageError);
    expect(() => parseRate('0')).toThrow(UsageError);
    expect(() => parseHeader('NoColon')).toThrow(UsageError);
  });

  it('parses a full command line', () => {
    const a = parseArgs([
      'https://h/x.m3u8',
      '-o',
      'out.mp4',
      '-H',
      'Referer: https://voe.sx/',
      '-H',
      'User-Agent: UA: 1',
      '--connections',
      '4',
      '--limit-rate',
      '5M',
      '--height',
      '720',
      '--pipelining',
      '3',
      '--no-verify',
    ]);
    expect(a).toMatchObject({
      url: 'https://h/x.m3u8',
      output: 'out.mp4',
      headers: { Referer: 'https://voe.sx/', 'User-Agent': 'UA: 1' },
      connections: 4,
      limitRate: 5 * 1024 * 1024,
      preferredHeight: 720,
      pipelining: 3,
      verify: false,
    });
  });

  it.each([
    [['-o', 'x.mp4'], /one URL/],
    [['https://h/x.mp4'], /-o/],
    [['ftp://h/x', '-o', 'x'], /http/],
    [['https://h/x', '-o', 'x', '--connections', '0'], /positive/],
    [['https://h/x', '-o', 'x', '--bogus'], /unknown option/],
  ])('%j is a usage error', (argv, message) => expect(() => parseArgs(argv)).toThrow(message));
});

describe('CLI output', () => {
  it('formats sizes, durations and a progress line', () => {
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(null)).toBe('--:--');
    const line = progressLine(
      {
        bytesDone: 512,
        bytesTotal: 1024,
        totalIsEstimate: true,
        percent: 50,
        speed: 100,
        etaSeconds: 5,
        segmentsDone: 3,
        segmentsTotal: 6,
      },
      10,
    );
    expect(line).toContain('[#####-----]');
    expect(line).toContain('~1.0 KiB');
    expect(line).toContain('seg 3/6');
  });

  it('maps failures to exit codes with a hint', () => {
    expect(describeFailure(new LinkExpired('u', 403))).toMatchObject({
      code: EXIT.linkExpired,
      message: expect.stringMatching(/fresh link/),
    });
    expect(describeFailure(new DiskFull('/x')).code).toBe(EXIT.diskFull);
    expect(describeFailure(new UsageError('bad')).code).toBe(EXIT.usage);
    expect(describeFailure(new Error('boom')).code).toBe(EXIT.failed);
  });
});
