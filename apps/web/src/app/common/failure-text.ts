import { type HosterAttempt, LANGUAGE_CODES, type LanguageCode } from '@aniworld/contracts';

/**
 * What an error code means for the user, without the code. Built on first use, not at module
 * load, so it is in the language the translations loaded (docs/i18n.md).
 */
function meaning(code: string): string {
  switch (code) {
    case 'VIDEO_GONE':
      return $localize`:@@common.failure.videoGone:the video was removed`;
    case 'HOSTER_UNAVAILABLE':
      return $localize`:@@common.failure.hosterUnavailable:not available`;
    case 'LINK_EXPIRED':
      return $localize`:@@common.failure.linkExpired:the link expired`;
    case 'CHALLENGE_REQUIRED':
      return $localize`:@@common.failure.challengeRequired:asks for a captcha`;
    case 'PARSE_FAILED':
      return $localize`:@@common.failure.parseFailed:its page could not be read`;
    case 'UPSTREAM_ERROR':
      return $localize`:@@common.failure.upstreamError:answered with an error`;
    case 'NETWORK':
      return $localize`:@@common.failure.network:could not be reached`;
    case 'STALLED':
      return $localize`:@@common.failure.stalled:was too slow`;
    case 'RATE_LIMITED':
      return $localize`:@@common.failure.rateLimited:refused: too many requests`;
    case 'BAD_MEDIA':
      return $localize`:@@common.failure.badMedia:sent a broken file`;
    case 'EPISODE_NOT_FOUND':
      return $localize`:@@common.failure.episodeNotFound:the episode is no longer on the site`;
    case 'SERIES_NOT_FOUND':
      return $localize`:@@common.failure.seriesNotFound:the series is no longer on the site`;
    default:
      return $localize`:@@common.failure.other:failed`;
  }
}

let labels: Record<LanguageCode, string> | null = null;

/**
 * The name of a language code in the interface language (`German Dub`, German `Deutsch (Dub)`);
 * an unknown code as it is. The web app's one source of these names: `LANGUAGE_LABELS` of
 * libs/contracts are the server's English ones.
 */
export function languageLabel(code: string | null | undefined): string {
  labels ??= {
    'german-dub': $localize`:@@common.language.germanDub:German Dub`,
    'german-sub': $localize`:@@common.language.germanSub:German Sub`,
    'english-sub': $localize`:@@common.language.englishSub:English Sub`,
    'english-dub': $localize`:@@common.language.englishDub:English Dub`,
  };
  return code && (LANGUAGE_CODES as readonly string[]).includes(code)
    ? labels[code as LanguageCode]
    : (code ?? '');
}

/** A message without addresses: they belong in the details, not in the sentence. */
export function withoutUrls(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, '…')
    .replace(/\s+/g, ' ')
    .trim();
}

function attemptText(attempt: HosterAttempt): string {
  const hoster = attempt.hoster;
  const what = meaning(attempt.error_code);
  if (!attempt.language)
    return $localize`:@@common.failure.attempt:${hoster}:hoster: ${what}:meaning:`;
  const language = languageLabel(attempt.language);
  return $localize`:@@common.failure.attemptInLanguage:${hoster}:hoster: (${language}:language:) ${what}:meaning:`;
}

/**
 * Why a download failed, in one readable sentence: per hoster what happened (no codes, no URLs);
 * the raw error and the codes stay in the expandable details.
 */
export function readableFailure(error: string | null, attempts: readonly HosterAttempt[]): string {
  if (attempts.length) {
    const parts = attempts.map(attemptText).join('; ');
    return $localize`:@@common.failure.noHoster:No hoster delivered it: ${parts}:attempts:.`;
  }
  if (!error) return $localize`:@@common.failure.noReason:It failed without a reason.`;
  const site = /^(aniworld|sto): /.exec(error);
  if (!site) return withoutUrls(error);
  const message = withoutUrls(error.slice(site[0].length));
  return $localize`:@@common.failure.site:The site: ${message}:message:`;
}
