// The renderer's CSP in Chromium: the built index.html carries it as a <meta http-equiv> (what covers the page
// under Electron's app:// scheme), equal to the header the hosts send except frame-ancestors (which CSP3 ignores
// in a <meta>), the page's WebSocket to its own host allowed under both; and the <meta> alone is in force: with
// the header stripped, an inline script and a foreign connection are blocked while the page itself works. (A
// WebSocket from a page fulfilled by Playwright's router is refused by Chromium's local-network checks, not by
// the CSP, so the socket is checked on the unrouted page.)
import { expect, test } from './serve-fixture.ts';

/** "a b; c d" → { a: "b", c: "d" } */
function directives(policy: string): Record<string, string> {
  return Object.fromEntries(
    policy
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.split(/\s+/)[0]!, part.split(/\s+/).slice(1).join(' ')]),
  );
}

test('index.html carries the header CSP as a <meta> tag', async ({ page, served }) => {
  const response = await page.goto(served.url);
  const header = response!.headers()['content-security-policy']!;
  const metaTag = page.locator('head meta[http-equiv="Content-Security-Policy"]');
  await expect(metaTag).toHaveCount(1);
  const meta = await metaTag.getAttribute('content');
  const { 'frame-ancestors': frameAncestors, ...headerRest } = directives(header);
  expect(frameAncestors).toBe("'none'");
  expect(directives(meta!)).toEqual(headerRest);
  // Before any script or stylesheet, so it covers them all.
  const order = await page.locator('head > *').evaluateAll((tags) => tags.map((e) => e.getAttribute('http-equiv') ?? e.tagName.toLowerCase()));
  expect(order.indexOf('Content-Security-Policy')).toBeLessThan(order.indexOf('script'));
  // Both policies in force, and 'self' still lets the page open its WebSocket to its own host.
  const socket = await page.evaluate(
    (host) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://${host}/api/events`);
        ws.onopen = () => {
          ws.close();
          resolve('open');
        };
        ws.onerror = () => resolve('error');
      }),
    new URL(served.origin).host,
  );
  expect(socket).toBe('open');
});

test('the <meta> CSP is in force on its own (the response header stripped)', async ({ page, served }) => {
  await page.goto(served.url); // sets the token cookie
  let stripped = false;
  await page.route(
    (url) => url.pathname === '/',
    async (route) => {
      const original = await route.fetch();
      const headers = { ...original.headers() };
      delete headers['content-security-policy'];
      stripped = true;
      await route.fulfill({ response: original, headers });
    },
  );
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  const response = await page.goto(`${served.origin}/`);
  expect(stripped).toBe(true);
  expect(response!.headers()['content-security-policy']).toBeUndefined();
  await expect(page.getByRole('main', { name: 'Studio' })).toBeVisible();
  // An inline <script> as an injected payload would be (Playwright reports the refusal as an error, or not).
  await page.addScriptTag({ content: 'globalThis.__inlineRan = true' }).catch(() => undefined);
  const outcome = await page.evaluate(async () => {
    const foreign = await fetch('http://example.invalid/').then(
      () => 'fetched',
      () => 'blocked',
    );
    return { inlineRan: (globalThis as { __inlineRan?: boolean }).__inlineRan === true, foreign };
  });
  expect(outcome).toEqual({ inlineRan: false, foreign: 'blocked' });
  expect(violations.some((v) => v.includes('script-src'))).toBe(true);
  expect(violations.some((v) => v.includes('connect-src') && v.includes('example.invalid'))).toBe(true);
});
