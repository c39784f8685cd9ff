import {
  type HosterAttempt,
  LANGUAGE_CODES,
  LANGUAGE_LABELS,
  type LanguageCode,
} from '@aniworld/contracts';

/** What an error code means for the user, without the code. */
const MEANING: Record<string, string> = {
  VIDEO_GONE: 'the video was removed',
  HOSTER_UNAVAILABLE: 'not available',
  LINK_EXPIRED: 'the link expired',
  CHALLENGE_REQUIRED: 'asks for a captcha',
  PARSE_FAILED: 'its page could not be read',
  UPSTREAM_ERROR: 'answered with an error',
  NETWORK: 'could not be reached',
  STALLED: 'was too slow',
  RATE_LIMITED: 'refused: too many requests',
  BAD_MEDIA: 'sent a broken file',
  EPISODE_NOT_FOUND: 'the episode is no longer on the site',
  SERIES_NOT_FOUND: 'the series is no longer on the site',
};

export function languageLabel(code: string | null | undefined): string {
  return code && (LANGUAGE_CODES as readonly string[]).includes(code)
    ? LANGUAGE_LABELS[code as LanguageCode]
    : (code ?? '');
}

/** A message without addresses: they belong in the details, not in the sentence. */
export function withoutUrls(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, '…')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Why a download failed, in one readable sentence: per hoster what happened (no codes, no URLs);
 * the raw error and the codes stay in the expandable details.
 */
export function readableFailure(error: string | null, attempts: readonly HosterAttempt[]): string {
  if (attempts.length) {
    const parts = attempts.map(
      (a) =>
        `${a.hoster}${a.language ? ` (${languageLabel(a.language)})` : ''} ${MEANING[a.error_code] ?? 'failed'}`,
    );
    return `No hoster delivered it: ${parts.join('; ')}.`;
  }
  if (!error) return 'It failed without a reason.';
  return withoutUrls(error.replace(/^(aniworld|sto): /, 'The site: '));
}
