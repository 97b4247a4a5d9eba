// End-to-end test of the dashboard in Debian's Chromium through playwright-core.
// Run by scripts/dashboard-e2e.sh, which serves the bundle and seeds the cloud. Env:
//   DASHBOARD_URL, DEMO_USER, DEMO_PASSWORD, DEMO_PROJECT, PLAYWRIGHT_CORE (module path),
//   E2E_OUT (screenshot folder), E2E_PREFIX (name prefix of what the test creates).
'use strict';
const path = require('path');
const fs = require('fs');
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');
const overview = require('./overview.cjs');

const URL = process.env.DASHBOARD_URL || 'http://127.0.0.1:8765/';
const OUT = process.env.E2E_OUT || 'target/e2e';
const PREFIX = process.env.E2E_PREFIX || 'e2e-';
const USER = process.env.DEMO_USER || 'ferrocloud-demo';
const PASSWORD = process.env.DEMO_PASSWORD || 'ferrocloud-demo-pw';
const PROJECT = process.env.DEMO_PROJECT || 'ferrocloud-demo';
const SLOW = 240_000;

let passed = 0;
let failed = 0;
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e && e.message ? e.message.split('\n')[0] : e}`);
    throw e;
  }
}

(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  // Every token the page sent (logout must revoke each of them in Keystone).
  const pageTokens = new Set();
  page.on('request', (r) => { const t = r.headers()['x-auth-token']; if (t) pageTokens.add(t); });
  const shot = (name) => page.screenshot({ path: path.join(OUT, name) });
  const stamp = Date.now().toString(36);
  const serverName = `${PREFIX}srv-${stamp}`;
  const netName = `${PREFIX}net-${stamp}`;
  const row = (name) => page.locator('#tbl tr', { has: page.locator(`a:text-is("${name}")`) });
  const badge = (name, status) => row(name).locator(`.badge:text-is("${status}")`);
  const choose = async (id, label) => {
    await page.waitForFunction(([id, label]) => {
      const s = document.getElementById(id);
      return s && [...s.options].some((o) => o.text.startsWith(label));
    }, [id, label], { timeout: 60_000 });
    const value = await page.$eval(`#${id}`, (s, label) =>
      [...s.options].find((o) => o.text.startsWith(label)).value, label);
    await page.selectOption(`#${id}`, value);
  };
  const ctx = { step, shot, row, badge, stamp, PREFIX, USER, PASSWORD, PROJECT };

  try {
    await step('login form shows the local cloud by default', async () => {
      await page.goto(URL);
      await page.waitForSelector('#auth_url', { timeout: 30_000 });
      const url = await page.inputValue('#auth_url');
      if (url !== 'http://127.0.0.1:5000/v3') throw new Error(`default auth URL is ${url}`);
      await overview.a11y.check(page, 'login');
    });

    await step('a wrong password shows Keystone\'s message and request id', async () => {
      await page.fill('#username', USER);
      await page.fill('#password', 'not-the-password');
      await page.fill('#project', PROJECT);
      await page.click('#login-btn');
      const box = page.locator('.problem');
      await box.waitFor({ timeout: 30_000 });
      const text = await box.innerText();
      if (!/401/.test(text)) throw new Error(`no 401 in: ${text}`);
      if (!/Request id: req-/.test(text)) throw new Error(`no request id in: ${text}`);
      await shot('01-login-error.png');
      await overview.a11y.check(page, 'login-error');
    });

    await page.fill('#password', PASSWORD);
    await overview.watch(page);
    const t0 = Date.now();
    await page.click('#login-btn');
    await overview.afterLogin(page, ctx, t0);

    await step('log in and see the seeded servers', async () => {
      await page.click('nav a[data-id="servers"]');
      await row('demo-web-1').waitFor({ timeout: 60_000 });
      await row('demo-web-2').waitFor({ timeout: 60_000 });
      await badge('demo-web-1', 'ACTIVE').waitFor({ timeout: 60_000 });
      await shot('02-servers.png');
    });

    await step('detail view shows the server\'s fields', async () => {
      await row('demo-web-1').locator('a').first().click();
      await page.locator('#detail dl.fields dt:text-is("flavor")').waitFor({ timeout: 10_000 });
    });
    await overview.tables(page, ctx);

    await step('switch to the empty second project and back', async () => {
      await page.selectOption('#project-pick', { label: `${PROJECT}-2` });
      await page.locator('#tbl td.empty').waitFor({ timeout: 60_000 });
      await page.selectOption('#project-pick', { label: PROJECT });
      await badge('demo-web-1', 'ACTIVE').waitFor({ timeout: 60_000 });
    });

    await step('create a server and watch it reach ACTIVE', async () => {
      await page.fill('#srv_name', serverName);
      await choose('srv_flavor', 'demo.tiny');
      await choose('srv_image', 'demo-image');
      await choose('srv_net', 'demo-net');
      await choose('srv_key', 'demo-key');
      await page.click('form[data-act="create-server"] button[type="submit"]');
      await row(serverName).waitFor({ timeout: SLOW });
      await page.locator('.task progress').first().waitFor({ timeout: 10_000 });
      await shot('03-server-building.png');
      await badge(serverName, 'ACTIVE').waitFor({ timeout: SLOW });
      await shot('04-server-active.png');
    });

    await step('stop it (SHUTOFF)', async () => {
      await row(serverName).locator('button[data-act="stop"]').click();
      await badge(serverName, 'SHUTOFF').waitFor({ timeout: SLOW });
      await shot('05-server-stopped.png');
    });

    await step('delete it (the row goes away)', async () => {
      await row(serverName).locator('button[data-act="delete"]').click();
      await page.waitForFunction((n) => ![...document.querySelectorAll('#tbl a')].some((a) => a.textContent === n),
        serverName, { timeout: SLOW });
    });

    await step('create a network with a subnet', async () => {
      await page.click('nav a[data-id="networks"]');
      await page.fill('#net_name', netName);
      await page.fill('#net_cidr', '10.77.0.0/24');
      await page.click('form[data-act="create-network"] button[type="submit"]');
      await badge(netName, 'ACTIVE').waitFor({ timeout: 60_000 });
      // This task's own success (the network and its subnet made), not an earlier task's:
      // under load the subnet comes well after the network's ACTIVE badge.
      await page.locator('.task.good', { hasText: `Create network ${netName}` }).waitFor({ timeout: 60_000 });
      await shot('06-network.png');
      await page.click('nav a[data-id="subnets"]');
      await row(`${netName}-subnet`).waitFor({ timeout: 30_000 });
      await page.click('nav a[data-id="networks"]');
      await row(netName).locator('button[data-act="delete"]').click();
      await page.waitForFunction((n) => ![...document.querySelectorAll('#tbl a')].some((a) => a.textContent === n),
        netName, { timeout: 60_000 });
    });

    await step('an OpenStack error is shown with its request id', async () => {
      await page.fill('#net_name', `${netName}-bad`);
      await page.fill('#net_cidr', '10.77.0.0/99');
      await page.click('form[data-act="create-network"] button[type="submit"]');
      const box = page.locator('.problem');
      await box.waitFor({ timeout: 60_000 });
      const text = await box.innerText();
      if (!/400/.test(text) || !/cidr/i.test(text)) throw new Error(`unexpected error box: ${text}`);
      if (!/Request id: req-/.test(text)) throw new Error(`no request id in: ${text}`);
      await shot('07-error.png');
    });

    await step('create a volume (available) and delete it', async () => {
      const volName = `${PREFIX}vol-${stamp}`;
      await page.click('nav a[data-id="volumes"]');
      await page.fill('#vol_name', volName);
      await page.fill('#vol_size', '1');
      await page.click('form[data-act="create-volume"] button[type="submit"]');
      await badge(volName, 'available').waitFor({ timeout: SLOW });
      await row(volName).locator('button[data-act="delete"]').click();
      await page.waitForFunction((n) => ![...document.querySelectorAll('#tbl a')].some((a) => a.textContent === n),
        volName, { timeout: SLOW });
    });

    await overview.refresh(page, ctx);

    await step('the other tables load', async () => {
      for (const [slug, name] of [['volumes', 'demo-data-1'], ['snapshots', 'demo-snap'], ['images', 'demo-image'],
        ['routers', 'demo-router'], ['secgroups', 'default']]) {
        await page.click(`nav a[data-id="${slug}"]`);
        await row(name).waitFor({ timeout: 30_000 });
      }
      await page.click('nav a[data-id="servers"]');
      await badge('demo-web-2', 'ACTIVE').waitFor({ timeout: 30_000 });
      await shot('08-overview.png');
    });

    await require('./objects.cjs').run(page, { step, shot, PREFIX, stamp });
    await require('./lbs.cjs').run(page, { step, row, badge, choose, shot, PREFIX, stamp, SLOW });

    await step('log out revokes the token', async () => {
      await page.click('button[data-act="logout"]');
      await page.locator('#revoked').waitFor({ timeout: 30_000 });
      // Keystone itself, asked with a fresh token of the same user: every token the page
      // sent is gone now (404), while the fresh one validates (200).
      const auth = await fetch('http://127.0.0.1:5000/v3/auth/tokens', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ auth: { identity: { methods: ['password'], password: {
          user: { name: USER, domain: { id: 'default' }, password: PASSWORD } } } } }),
      });
      const fresh = auth.headers.get('x-subject-token');
      const check = async (t) => (await fetch('http://127.0.0.1:5000/v3/auth/tokens', {
        headers: { 'x-auth-token': fresh, 'x-subject-token': t } })).status;
      if (await check(fresh) !== 200) throw new Error('a fresh token does not validate');
      if (pageTokens.size === 0) throw new Error('the page sent no token');
      const alive = [];
      for (const t of pageTokens) if (await check(t) !== 404) alive.push(t.slice(0, 8));
      if (alive.length) throw new Error(`tokens still valid after logout: ${alive.join(', ')}…`);
      console.log(`     ${pageTokens.size} token(s) the page used: all revoked (Keystone answers 404)`);
      await fetch('http://127.0.0.1:5000/v3/auth/tokens', {
        method: 'DELETE', headers: { 'x-auth-token': fresh, 'x-subject-token': fresh } });
    });
  } catch (e) {
    await shot('failure.png').catch(() => {});
  } finally {
    await browser.close();
  }
  const unexpected = consoleErrors.filter((e) => !/status of 40[0-9]/.test(e));
  if (unexpected.length) console.log('page errors:\n  ' + unexpected.join('\n  '));
  console.log(`dashboard-e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
})();
