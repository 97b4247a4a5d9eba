// The Overview page's e2e steps (issue 25): login -> all quota charts drawn (timed), the
// figures checked against the services themselves (plain HTTP from node, not through the
// dashboard), an action's end refreshing a shown overview, keyboard use of the tables, the
// region switch, and axe-core on the login page, the overview and the servers table.
'use strict';
const a11y = require('./a11y.cjs');

const AUTH = 'http://127.0.0.1:5000/v3';

// A token of the demo user and its catalog's public endpoints, straight from Keystone.
async function session(ctx) {
  const r = await fetch(`${AUTH}/auth/tokens`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth: {
      identity: { methods: ['password'], password: { user: { name: ctx.USER, domain: { id: 'default' }, password: ctx.PASSWORD } } },
      scope: { project: { name: ctx.PROJECT, domain: { id: 'default' } } },
    } }),
  });
  if (!r.ok) throw new Error(`keystone: ${r.status}`);
  const body = await r.json();
  const url = (type) => body.token.catalog.find((s) => s.type === type)
    .endpoints.find((e) => e.interface === 'public').url.replace(/\/$/, '');
  const token = r.headers.get('x-subject-token');
  const get = async (u) => {
    const a = await fetch(u, { headers: { 'x-auth-token': token } });
    if (!a.ok) throw new Error(`${u}: ${a.status}`);
    return a.json();
  };
  return { get, url, project: body.token.project.id };
}

const used = (page, q) => page.$eval(`#overview li[data-q="${q}"]`, (li) => Number(li.dataset.used));

// Runs right after the login click: waits for every card, prints the time, checks figures.
async function afterLogin(page, ctx, t0) {
  await ctx.step('overview: quota charts drawn after login', async () => {
    await page.waitForSelector('#overview[data-ready]', { timeout: 60_000 });
    const ms = Date.now() - t0;
    // The same, timed inside the page (see `watch`): click, menu shown, last chart drawn.
    const t = await page.evaluate(() => window.__overviewTimes);
    console.log(`overview: ${ms} ms (in the page: signed in after ${Math.round(t.nav - t.click)} ms, `
      + `the three services' charts ${Math.round(t.ready - t.nav)} ms later)`);
    const meters = await page.$$eval('#overview li svg', (l) => l.length);
    if (meters !== 10) throw new Error(`${meters} charts, wanted 10`);
    const errors = await page.$$eval('#overview .problem', (l) => l.map((e) => e.innerText));
    if (errors.length) throw new Error(`service errors: ${errors.join(' / ')}`);
    if (!(await page.$eval('#nav-overview', (a) => a.getAttribute('aria-current') === 'page'))) {
      throw new Error('Overview is not the current nav entry');
    }
    await ctx.shot('overview-page.png');
    // README_SHOT=1 scripts/dashboard-e2e.sh refreshes the README's screenshot.
    if (process.env.README_SHOT) await page.screenshot({ path: 'docs/dashboard.png' });
  });

  await ctx.step('overview: figures match the services', async () => {
    // Other e2e runs may create and delete in the same project meanwhile: the APIs are
    // counted before and after a refresh of the overview, which must lie between.
    const s = await session(ctx);
    const count = async () => [
      (await s.get(`${s.url('compute')}/servers`)).servers.length,
      (await s.get(`${s.url('network')}/v2.0/networks?project_id=${s.project}`)).networks.length,
      (await s.get(`${s.url('volumev3')}/volumes`)).volumes.length,
    ];
    const before = await count();
    await page.click('#main button[data-act="refresh"]');
    await page.waitForSelector('#overview[data-ready]', { timeout: 60_000 });
    const got = [await used(page, 'instances'), await used(page, 'network'), await used(page, 'volumes')];
    const after = await count();
    console.log(`     servers, networks, volumes: overview ${got}; APIs ${before} before, ${after} after`);
    got.forEach((g, i) => {
      if (g < Math.min(before[i], after[i]) || g > Math.max(before[i], after[i])) {
        throw new Error(`overview shows ${got}, the APIs list ${before} then ${after}`);
      }
    });
    if (got[0] < 2) throw new Error(`the seed made 2 servers, the overview shows ${got[0]}`);
  });

  await ctx.step('a11y: overview (axe-core)', () => a11y.check(page, 'overview'));
}

// After the seeded servers are listed: keyboard use of the table and axe on it.
async function tables(page, ctx) {
  await ctx.step('a11y: servers table by keyboard, Escape closes the detail', async () => {
    const link = ctx.row('demo-web-1').locator('a').first();
    await link.focus();
    await page.keyboard.press('Enter');
    await page.locator('#detail dl.fields').waitFor({ timeout: 10_000 });
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    if (focused !== 'detail-card') throw new Error(`focus is on #${focused}, not the detail`);
    await page.keyboard.press('Tab');
    const onClose = await page.evaluate(() => document.activeElement.dataset.act);
    if (onClose !== 'close-detail') throw new Error(`Tab from the detail went to ${onClose}`);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('#detail dl'), null, { timeout: 5_000 });
    const acts = await ctx.row('demo-web-1').locator('td.acts > *').evaluateAll((l) => l.map((e) => e.tagName));
    if (!acts.length || acts.some((t) => t !== 'BUTTON')) throw new Error(`row actions are ${acts}`);
    await a11y.check(page, 'servers');
  });

  await ctx.step('region switch re-opens the page in the region picked', async () => {
    const regions = await page.$$eval('#region-pick option', (l) => l.map((o) => o.value));
    if (!regions.length) throw new Error('no region offered');
    await page.$eval('#tbl', (t) => { t.dataset.old = '1'; });
    await page.selectOption('#region-pick', regions[regions.length - 1]);
    await page.locator('#tbl:not([data-old])').waitFor({ timeout: 30_000 });
    await ctx.row('demo-web-1').waitFor({ timeout: 30_000 });
    console.log(`     regions offered: ${regions.join(', ')}`);
  });
}

// An action's end refreshes a shown overview: a volume is created from the Volumes page,
// the overview opened meanwhile shows one more volume when the task is done.
async function refresh(page, ctx) {
  await ctx.step('overview refreshes when a task ends', async () => {
    await page.click('nav a[data-id="overview"]');
    await page.waitForSelector('#overview[data-ready]', { timeout: 60_000 });
    const before = await used(page, 'volumes');
    const name = `${ctx.PREFIX}ovvol-${ctx.stamp}`;
    await page.click('nav a[data-id="volumes"]');
    await page.fill('#vol_name', name);
    await page.fill('#vol_size', '1');
    await page.click('form[data-act="create-volume"] button[type="submit"]');
    await page.click('nav a[data-id="overview"]');
    await page.locator('.task.good', { hasText: `Create volume ${name}` }).waitFor({ timeout: 240_000 });
    await a11y.check(page, 'overview-with-task');
    await page.waitForFunction((n) => {
      const li = document.querySelector('#overview[data-ready] li[data-q="volumes"]');
      // At least: other e2e runs may add volumes to the project meanwhile.
      return li && Number(li.dataset.used) >= n;
    }, before + 1, { timeout: 60_000 });
    await page.click('nav a[data-id="volumes"]');
    await ctx.row(name).locator('button[data-act="delete"]').click();
    await page.waitForFunction((n) => ![...document.querySelectorAll('#tbl a')].some((a) => a.textContent === n),
      name, { timeout: 240_000 });
  });
}

// Before the login click: records in the page when the click, the menu and the last chart
// happen (window.__overviewTimes), free of the test driver's round trips.
async function watch(page) {
  await page.evaluate(() => {
    const t = (window.__overviewTimes = {});
    document.addEventListener('click', (e) => {
      if (e.target.closest('#login-btn')) t.click = performance.now();
    }, true);
    new MutationObserver(() => {
      if (!t.nav && document.querySelector('nav')) t.nav = performance.now();
      if (!t.ready && document.querySelector('#overview[data-ready]')) t.ready = performance.now();
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

module.exports = { watch, afterLogin, tables, refresh, a11y };
