import { DownloadError } from '../lib/core/errors';
import { UsageError } from './args';

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  linkExpired: 3,
  http: 4,
  diskFull: 5,
  permission: 6,
  verification: 7,
  network: 8,
  aborted: 130,
} as const;

/** Exit code and a message that says what to do about it. */
export function describeFailure(err: unknown): { code: number; message: string } {
  if (err instanceof UsageError)
    return { code: EXIT.usage, message: `${err.message}\nrun with --help for usage` };
  if (!(err instanceof DownloadError)) {
    return {
      code: EXIT.failed,
      message: `unexpected error: ${(err as Error)?.stack ?? String(err)}`,
    };
  }
  switch (err.code) {
    case 'LINK_EXPIRED':
      return {
        code: EXIT.linkExpired,
        message: `${err.message}\nthe signed URL is no longer valid: get a fresh link from the hoster page and run again (the partial file is kept and resumes)`,
      };
    case 'HTTP_STATUS':
      return {
        code: EXIT.http,
        message: `${err.message}\ncheck the URL and the headers the hoster needs (-H 'Referer: …', -H 'User-Agent: …')`,
      };
    case 'DISK_FULL':
      return {
        code: EXIT.diskFull,
        message: `${err.message}\nfree some space or choose another -o directory`,
      };
    case 'PERMISSION_DENIED':
      return {
        code: EXIT.permission,
        message: `${err.message}\nchoose a directory you can write to, or fix its permissions`,
      };
    case 'VERIFICATION_FAILED':
      return {
        code: EXIT.verification,
        message: `${err.message}\nthe source may be broken; try another hoster or run with --no-verify to keep the file anyway`,
      };
    case 'ABORTED':
      return { code: EXIT.aborted, message: 'interrupted: run the same command again to resume' };
    case 'STALLED':
    case 'NETWORK':
    case 'INCOMPLETE_DOWNLOAD':
      return {
        code: EXIT.network,
        message: `${err.message}\nthe server kept failing after retries; try again later or with fewer --connections`,
      };
    default:
      return { code: EXIT.failed, message: err.message };
  }
}
