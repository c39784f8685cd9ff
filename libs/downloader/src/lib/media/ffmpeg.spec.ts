import { DiskFull, PermissionDenied, VerificationFailed } from '../core/errors';
import { remuxFailure } from './ffmpeg';

describe('remuxFailure', () => {
  // The disk-full case runs for real in test/e2e/local-failures.e2e.spec.ts.
  it('blames the disk or the permissions, not the media, for write errors ffmpeg reports', () => {
    const out = '/lib/ep.mp4.part';
    expect(
      remuxFailure(`Error closing file ${out}: No space left on device\n`, out),
    ).toBeInstanceOf(DiskFull);
    expect(remuxFailure(`av_interleaved_write_frame(): Disk quota exceeded\n`, out)).toBeInstanceOf(
      DiskFull,
    );
    expect(remuxFailure(`${out}: Permission denied\n`, out)).toBeInstanceOf(PermissionDenied);
    expect(remuxFailure(`${out}: Read-only file system\n`, out)).toBeInstanceOf(PermissionDenied);
    const bad = remuxFailure('[mpegts @ 0x1] Invalid data found when processing input\n', out);
    expect(bad).toBeInstanceOf(VerificationFailed);
    expect(bad.message).toBe(
      'verification failed: ffmpeg remux failed: [mpegts @ 0x1] Invalid data found when processing input',
    );
  });
});
