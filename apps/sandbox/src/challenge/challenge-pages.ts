import type { ChallengeKind } from '../server/faults';
import { html, type Reply } from '../server/http-types';

/** Interstitials carrying the markers of docs/sites.md#challenge-pages, with the status codes the real ones use. */
export function challengeReply(kind: ChallengeKind): Reply {
  switch (kind) {
    case 'cloudflare':
      return html(CLOUDFLARE, 403, {
        'cf-mitigated': 'challenge',
        server: 'cloudflare',
        'cache-control': 'private, max-age=0, no-store',
      });
    case 'ddos-guard':
      return html(DDOS_GUARD, 403, {
        server: 'ddos-guard',
        'set-cookie': ['__ddg1_=sandbox1; Path=/; HttpOnly', '__ddg2_=sandbox2; Path=/'],
      });
    case 'turnstile':
      return html(TURNSTILE, 200);
  }
}

const CLOUDFLARE = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="robots" content="noindex,nofollow">
</head><body><div class="main-wrapper" role="main"><div class="main-content">
<h1 class="zone-name-title h1">sandbox</h1><h2 class="h2" id="challenge-running">Checking your browser before accessing the site.</h2>
<noscript><div class="h2">Enable JavaScript and cookies to continue</div></noscript>
</div></div>
<script>(function(){window._cf_chl_opt={cvId:'3',cZone:'sandbox',cType:'managed'};var a=document.createElement('script');
a.src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=sandbox';document.getElementsByTagName('head')[0].appendChild(a);})();</script>
</body></html>`;

const DDOS_GUARD = `<!DOCTYPE html><html><head><title>DDoS-Guard</title><meta charset="utf-8"></head>
<body><div id="ddg-challenge"><h1>Checking your browser before accessing</h1>
<p>This process is automatic. Your browser will redirect to your requested content shortly.</p>
<p>DDoS protection by DDoS-Guard</p></div>
<script src="/.well-known/ddos-guard/js-challenge/index.js"></script></body></html>`;

const TURNSTILE = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Stream wird vorbereitet...</title>
<script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer></script></head>
<body><div class="modal" id="player-prepare-modal"><h3>Stream wird vorbereitet...</h3>
<p>Bitte bestätige kurz, dass du kein Bot bist.</p>
<div id="player-prepare-turnstile" class="cf-turnstile" data-sitekey="0x4AAAAAAAsandbox"></div>
<button type="button" class="btn btn-primary" disabled>Weiter</button></div></body></html>`;

export function expiredReply(): Reply {
  return html(
    '<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1><p>Link expired</p></body></html>',
    403,
  );
}
