// The web host's guards seen from a browser and from raw requests: no token → 403, foreign Origin or Host →
// 403, a malformed contract message → INVALID_ARGUMENT naming the bad field.
import { request as httpRequest } from 'node:http';
import { expect, test } from './serve-fixture.ts';

function rawPost(port: number, pathname: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: pathname, method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('a page opened without the token is refused', async ({ page, served }) => {
  const response = await page.goto(`${served.origin}/`);
  expect(response?.status()).toBe(403);
  await expect(page.getByText('403 Forbidden')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/no-token.png' });
});

test('an API request without the token is refused', async ({ served }) => {
  const response = await rawPost(served.port, '/api/getHealth', {}, '{}');
  expect(response.status).toBe(403);
  expect(response.body).toContain('session token');
});

test('a request from a foreign Origin is refused even with the token', async ({ served }) => {
  const response = await rawPost(served.port, '/api/getHealth', { 'x-tessera-token': served.token, Origin: 'http://evil.example' }, '{}');
  expect(response.status).toBe(403);
  expect(response.body).toContain('Origin');
});

test('a request for a foreign Host (DNS rebinding) is refused even with the token', async ({ served }) => {
  const response = await rawPost(served.port, '/api/getHealth', { 'x-tessera-token': served.token, Host: `evil.example:${served.port}` }, '{}');
  expect(response.status).toBe(403);
  expect(response.body).toContain('Host');
});

test('a malformed contract message from the page gets a clear INVALID_ARGUMENT error', async ({ page, served }) => {
  await page.goto(served.url);
  const answer = await page.evaluate(async () => {
    const response = await fetch('/api/generate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ modelId: 'demo-pack/demo-sd', prompt: 'a red circle', steps: 4, guidance: 7.5, seed: 1, width: 100, height: 64 }),
    });
    return { status: response.status, body: (await response.json()) as { ok: boolean; error: { code: string; message: string } } };
  });
  expect(answer.status).toBe(400);
  expect(answer.body.ok).toBe(false);
  expect(answer.body.error.code).toBe('INVALID_ARGUMENT');
  expect(answer.body.error.message).toContain('width: expected a multiple of 8');
});
