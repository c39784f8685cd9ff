import { ChallengeRequired, assertNoChallenge, detectChallenge } from '../src';

const page = (body: string): string =>
  `<!doctype html><html><head>${body}</head><body></body></html>`;

describe('detectChallenge', () => {
  it.each([
    [
      'cloudflare',
      403,
      page(
        '<title>Just a moment...</title><script src="/cdn-cgi/challenge-platform/h/b/orchestrate"></script>',
      ),
    ],
    ['cloudflare', 503, page('<form id="challenge-form" action="/?__cf_chl_f_tk=abc"></form>')],
    [
      'ddos-guard',
      403,
      page(
        '<title>DDoS-Guard</title><script src="/.well-known/ddos-guard/check?context=free_splash"></script>',
      ),
    ],
    [
      'ddos-guard',
      403,
      page(
        '<p>Checking your browser before accessing</p><script>document.cookie="__ddg1_=x"</script>',
      ),
    ],
    [
      'turnstile',
      200,
      page('<title>Stream wird vorbereitet...</title><div id="player-prepare-turnstile"></div>'),
    ],
    ['turnstile', 200, page('<div class="cf-turnstile" data-sitekey="0x4"></div>')],
    ['recaptcha', 200, page('<div class="g-recaptcha" data-sitekey="6L"></div>')],
    ['hcaptcha', 403, page('<script src="https://hcaptcha.com/1/api.js"></script>')],
    ['altcha', 200, page('<altcha-widget challengeurl="/altcha"></altcha-widget>')],
  ])('recognises %s (status %d)', (kind, status, body) => {
    expect(detectChallenge(status, body)).toBe(kind);
  });

  it('does not flag a normal page', () => {
    expect(detectChallenge(200, page('<title>Goblin Slayer</title>'))).toBeNull();
  });

  it('does not flag a 403 without a marker (an expired link is not a challenge)', () => {
    expect(detectChallenge(403, 'link expired')).toBeNull();
  });

  it('ignores weak markers on a large normal page', () => {
    const big = page(
      `<title>Serie</title>${'<p>Inhalt</p>'.repeat(3000)}<script src="https://www.google.com/recaptcha/api.js"></script>`,
    );
    expect(detectChallenge(200, big)).toBeNull();
    expect(detectChallenge(403, big)).toBe('recaptcha');
  });

  it('throws ChallengeRequired with url, kind and status', () => {
    const res = {
      status: 503,
      headers: {},
      body: page('<title>Just a moment...</title>'),
      url: 'http://h/e/1',
    };
    expect(() => assertNoChallenge(res)).toThrow(ChallengeRequired);
    try {
      assertNoChallenge(res);
    } catch (e) {
      expect(e).toMatchObject({
        url: 'http://h/e/1',
        kind: 'cloudflare',
        status: 503,
        code: 'CHALLENGE_REQUIRED',
      });
    }
  });
});
