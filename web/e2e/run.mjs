// End-to-end tests of the Karta Explorer: headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core) against a real `karta serve`
// on a fresh SQLite catalog seeded at start. Every request the browser makes
// is routed through a check: one that leaves the server's origin fails the run.
//
//   node e2e/run.mjs            (make e2e)
//   KARTA_E2E_BIN=path         use a built binary instead of `go build`
//   KARTA_E2E_SCREENSHOTS=dir  where to save screenshots (default ../docs/screenshots)
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..', '..');
const shots = resolve(process.env.KARTA_E2E_SCREENSHOTS ?? join(root, 'docs', 'screenshots'));
const work = mkdtempSync(join(tmpdir(), 'karta-e2e-'));
const TIMEOUT = 60_000;

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

async function startKarta() {
  let bin = process.env.KARTA_E2E_BIN;
  if (!bin) {
    bin = join(work, 'karta');
    console.log('e2e: go build ./cmd/karta');
    execFileSync('go', ['build', '-o', bin, './cmd/karta'], { cwd: root, stdio: 'inherit' });
  }
  const port = await freePort();
  const proc = spawn(bin, ['serve'], {
    cwd: work,
    env: { ...process.env, ADDR: `127.0.0.1:${port}`, KARTA_SQLITE: join(work, 'karta.db'), KARTA_SEED: 'true', DATABASE_URL: '', KARTA_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`karta serve exited: ${log}`);
    try {
      const r = await fetch(`${origin}/readyz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`karta serve did not become ready: ${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return { proc, origin, log: () => log };
}

const results = [];
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${e.stack ?? e}`);
  }
}

const karta = await startKarta();
const { origin } = karta;
const browser = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath: process.env.KARTA_E2E_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
  viewport: { width: 1280, height: 800 },
  acceptDownloads: true,
  locale: 'ru-RU',
});
const foreign = [];
await browser.route('**/*', (route) => {
  const u = new URL(route.request().url());
  if (u.origin !== origin) {
    foreign.push(u.href);
    return route.abort();
  }
  return route.continue();
});
const page = browser.pages()[0] ?? (await browser.newPage());
page.setDefaultTimeout(TIMEOUT);
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
// A resource the Content-Security-Policy refused (another host, inline script) is a failure too.
page.on('console', (m) => {
  if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
});
mkdirSync(shots, { recursive: true });
const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`) });
const h1 = () => page.locator('main h1').first();

let systemUrl = '';

await step('search «спортсмены» by keyboard → entity Спортсмен', async () => {
  await page.goto(`${origin}/`);
  await page.locator('main h1').waitFor();
  await page.keyboard.press('/');
  await page.locator('#search-box').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-box', '/ focuses the search box');
  await page.keyboard.type('спортсмены');
  await page.locator('a.hit-link').first().waitFor();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'спортсмены');
  const first = page.locator('a.hit-link').first();
  assert.equal((await first.textContent()).trim(), 'Спортсмен');
  assert.ok((await page.locator('.hits mark').count()) > 0, 'snippets are highlighted');
  assert.ok((await page.locator('.facets input[type=checkbox]').count()) > 1, 'facets by type and ministry');
  await shot('search');
  await page.locator('#search-box').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/entity\//);
  await page.locator('main h1', { hasText: 'Спортсмен' }).waitFor();
  assert.ok((await page.locator('table').first().locator('tbody tr').count()) >= 10, 'the attributes are listed');
});

await step('entity page: provenance link opens the source line; deep link survives reload', async () => {
  const entityUrl = page.url();
  const src = page.locator('main h1 a.src');
  await src.waitFor();
  const href = await src.getAttribute('href');
  assert.match(href, /^\/source\/\d+#L\d+$/);
  await page.reload();
  await page.locator('main h1', { hasText: 'Спортсмен' }).waitFor();
  await shot('entity');
  await src.click();
  await page.waitForURL(/\/source\//);
  const target = page.locator('.source .line.target');
  await target.waitFor();
  assert.match(await target.textContent(), /Спортсмен/, 'the marked line names the entity');
  assert.equal(await target.getAttribute('id'), 'L' + href.split('#L')[1]);
  await page.goto(entityUrl);
  await page.locator('main h1', { hasText: 'Спортсмен' }).waitFor();
});

await step('entity → process group → its system (one with integrations)', async () => {
  const entityUrl = page.url();
  const groups = await page.locator('a[href^="/group/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(groups.length > 0, 'the entity has process groups');
  for (const g of [...new Set(groups)]) {
    await page.goto(entityUrl);
    await page.locator(`a[href="${g}"]`).first().click();
    await page.waitForURL(/\/group\//);
    await h1().waitFor();
    const systems = await page.locator('main a[href^="/system/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const s of [...new Set(systems)]) {
      await page.locator(`main a[href="${s}"]`).first().click();
      await page.waitForURL(/\/system\//);
      await page.getByRole('heading', { name: /Входящие интеграции/ }).waitFor();
      const rows = await page.locator('.table-block').filter({ hasText: 'интеграции (система' }).locator('tbody tr').count();
      if (rows > 0) {
        systemUrl = page.url();
        return;
      }
      await page.goBack();
      await page.waitForURL(/\/group\//);
      await h1().waitFor();
    }
  }
  assert.fail('no system of the entity’s process groups has integrations');
});

await step('system page → the integration graph around it; expand on click', async () => {
  await page.goto(systemUrl);
  await h1().waitFor();
  await shot('system');
  await page.getByRole('link', { name: 'Показать на графе интеграций' }).click();
  await page.waitForURL(/\/graph\?start=/);
  await page.locator('.graph-canvas canvas').first().waitFor();
  const status = await page.locator('main p[role=status]').first().textContent();
  assert.match(status, /\d+ узлов, \d+ интеграций/);
  const edges = page.locator('.table-block').filter({ has: page.getByRole('heading', { name: 'Интеграции', exact: true }) }).locator('tbody tr');
  const before = await edges.count();
  assert.ok(before > 0, 'the integrations are listed beside the graph');
  await shot('graph');
  const expand = page.locator('.table-block button', { hasText: '+' });
  if ((await expand.count()) > 0) {
    await expand.first().click();
    await page.waitForURL(/[?&]x=/);
    await page.waitForFunction((n) => document.querySelectorAll('.table-block tbody tr').length > n, before);
  }
});

await step('analytics: the matrix heat map, its caveat and a CSV download with BOM and Cyrillic', async () => {
  await page.goto(`${origin}/analytics?tab=matrix`);
  await page.locator('table.matrix td.heat-5').first().waitFor();
  assert.ok((await page.locator('table.matrix tbody tr').count()) > 1);
  await shot('matrix');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.table-head').first().getByRole('button', { name: 'CSV' }).click()]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with a UTF-8 BOM');
  const text = bytes.subarray(3).toString('utf8');
  assert.match(text.split('\r\n')[0], /Поставщик/);
  assert.match(text, /МИИЦР/);
  assert.ok(text.split('\r\n').length > 3);
});

await step('analytics and data sources: the first page, "N of M" and show more', async () => {
  for (const url of [`${origin}/analytics?tab=duplicates`, `${origin}/sources?need=${encodeURIComponent('сведения о лицензиях')}`]) {
    await page.goto(url);
    const status = page.locator('.show-more [role=status]').first();
    await status.waitFor();
    const [, shown, total] = (await status.textContent()).replace(/\s/g, '').match(/показано(\d+)из(\d+)/) ?? [];
    assert.ok(Number(shown) > 0 && Number(shown) <= Math.min(20, Number(total)), `${url}: ${await status.textContent()}`);
    const more = page.locator('.show-more').getByRole('button', { name: 'Показать ещё' });
    assert.equal(await more.count(), Number(shown) < Number(total) ? 1 : 0, `${url}: "show more" only while some are not shown`);
    if (Number(shown) < Number(total)) {
      await more.click();
      await page.waitForFunction(
        ([n]) => Number((document.querySelector('.show-more [role=status]')?.textContent ?? '').replace(/\s/g, '').match(/показано(\d+)/)?.[1]) > n,
        [Number(shown)],
      );
    }
  }
});

await step('narrow screen: the search page fits 390 px', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${origin}/search?q=${encodeURIComponent('лицензирование')}`);
  await page.locator('a.hit-link').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the screen`);
  await shot('search-narrow');
  await page.setViewportSize({ width: 1280, height: 800 });
});

await step('GraphiQL at /graphiql lists the operations and runs a query', async () => {
  await page.goto(`${origin}/graphiql`);
  await page.locator('.graphiql-container').waitFor();
  await page.locator('.karta-ops button', { hasText: 'Search' }).first().waitFor();
  // Opens with the Karta example, not the stock welcome text.
  await page.locator('.graphiql-query-editor', { hasText: 'query Example' }).waitFor();
  assert.match(await page.locator('.graphiql-query-editor').textContent(), /спортсмены/);
  await page.locator('.graphiql-execute-button').click();
  await page.locator('.graphiql-response').getByText('"totalCount"').first().waitFor();
  assert.match(await page.locator('.graphiql-response').textContent(), /Спортсмен/);
  await shot('graphiql');
});

await browser.close();
karta.proc.kill('SIGTERM');
rmSync(work, { recursive: true, force: true });

if (foreign.length) {
  console.log(`FAIL requests left ${origin}:\n  ${[...new Set(foreign)].join('\n  ')}`);
  results.push({ name: 'no request leaves the origin', ok: false });
} else console.log(`ok   no request left ${origin}`);
if (errors.length) console.log(`page errors:\n  ${errors.join('\n  ')}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed}/${results.length} passed; screenshots in ${shots}`);
process.exit(failed || errors.length ? 1 : 0);
