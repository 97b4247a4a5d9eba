// Load balancers and everyday actions (issue 25, part "lbs"), driven in Chromium against
// the real cloud. Called from dashboard.cjs after login with
//   ctx = { step, row, badge, choose, shot, PREFIX, stamp, SLOW }.
// Everything made here is named PREFIX* (demo-seed --cleanup PREFIX removes leftovers).
'use strict';
const fs = require('fs');
const { execFileSync } = require('child_process');
const a11y = require('./a11y.cjs');

const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF5rQeJr2b9xG1c0vWv3H1o0QXnWg7Tt2b1m3r6yVvHk e2e@ferrocloud';

async function run(page, ctx) {
  const { step, row, badge, choose, PREFIX, stamp, SLOW } = ctx;
  const shot = (n) => ctx.shot(`lbs-${n}.png`);
  const gone = (name, timeout = SLOW) => page.waitForFunction(
    (n) => ![...document.querySelectorAll('#tbl a')].some((a) => a.textContent === n), name, { timeout });
  const taskDone = async (label, timeout = SLOW) => {
    const t = page.locator('.task', { hasText: label }).first();
    await page.locator('.task.good, .task.bad', { hasText: label }).first().waitFor({ timeout });
    if (await t.evaluate((e) => e.classList.contains('bad'))) {
      const box = await page.locator('.problem').innerText().catch(() => '');
      throw new Error(`task "${label}" failed: ${box}`);
    }
  };
  const nav = (slug) => page.click(`nav a[data-id="${slug}"]`);
  const kpName = `${PREFIX}kp-${stamp}`;
  const kpImport = `${PREFIX}kpi-${stamp}`;
  const grpName = `${PREFIX}grp-${stamp}`;
  const srvName = `${PREFIX}act-${stamp}`;
  const imgName = `${PREFIX}img-${stamp}`;
  const volName = `${PREFIX}dvol-${stamp}`;
  const lbName = `${PREFIX}lb-${stamp}`;

  await step('lbs: create a key pair (private key downloaded once, not in the page)', async () => {
    await nav('keypairs');
    await row('demo-key').waitFor({ timeout: 30_000 });
    await page.fill('#kp_name', kpName);
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.click('form[data-act="create-kp"] button[type="submit"]'),
    ]);
    const file = await dl.path();
    const pem = fs.readFileSync(file, 'utf8');
    if (!/PRIVATE KEY/.test(pem)) throw new Error('the download is not a private key');
    if (dl.suggestedFilename() !== `${kpName}.pem`) throw new Error(`download named ${dl.suggestedFilename()}`);
    await row(kpName).waitFor({ timeout: 30_000 });
    const html = await page.content();
    if (html.includes('PRIVATE KEY') || html.includes(pem.split('\n')[1])) throw new Error('the private key is in the page');
    await shot('01-keypair');
  });

  await step('lbs: import a public key, then delete both key pairs', async () => {
    await page.fill('#kpi_name', kpImport);
    await page.fill('#kpi_key', PUBLIC_KEY);
    await page.click('form[data-act="import-kp"] button[type="submit"]');
    await row(kpImport).waitFor({ timeout: 30_000 });
    await shot('02-keypairs');
    await a11y.check(page, 'key pairs');
    for (const n of [kpName, kpImport]) {
      await row(n).locator('button[data-act="delete"]').click();
      await gone(n, 30_000);
    }
  });

  await step('lbs: create a server group and launch a server in it', async () => {
    await nav('servers');
    await page.fill('#grp_name', grpName);
    await page.selectOption('#grp_policy', 'anti-affinity');
    await page.click('form[data-act="create-group"] button[type="submit"]');
    await taskDone(`Create server group ${grpName}`, 60_000);
    // The pickers are filled again when the task ends: wait for the new group, then pick.
    await choose('srv_group', grpName);
    await page.waitForTimeout(1500);
    await choose('srv_group', grpName);
    await page.fill('#srv_name', srvName);
    await choose('srv_flavor', 'demo.tiny');
    await choose('srv_image', 'demo-image');
    await choose('srv_net', 'demo-net');
    await choose('srv_key', 'demo-key');
    await page.click('form[data-act="create-server"] button[type="submit"]');
    await badge(srvName, 'ACTIVE').waitFor({ timeout: SLOW });
    const out = execFileSync('/tmp/oscloud/venv/bin/openstack',
      ['--os-cloud', 'oscloud-admin', 'server', 'group', 'list', '--all-projects', '--long', '-f', 'json'],
      { env: { ...process.env, OS_CLIENT_CONFIG_FILE: process.env.OS_CLIENT_CONFIG_FILE || '/tmp/oscloud/clouds.yaml' } });
    const g = JSON.parse(out).find((x) => x.Name === grpName);
    if (!g) throw new Error('server group not found');
    const members = Array.isArray(g.Members) ? g.Members : String(g.Members);
    if (members.length === 0) throw new Error(`server group has no member: ${JSON.stringify(g)}`);
    await shot('03-server-in-group');
  });

  await step('lbs: console log and remote console', async () => {
    await row(srvName).locator('button[data-act="more"]').click();
    await page.locator('#detail button[data-act="console-log"]').click();
    await page.locator('#console-log').waitFor({ timeout: 60_000 });
    await page.locator('#console-log').scrollIntoViewIfNeeded();
    await shot('04-console-log');
    await page.locator('#detail button[data-act="console-url"]').click();
    await page.locator('#console-url, .problem').first().waitFor({ timeout: 60_000 });
    const url = await page.locator('#console-url').getAttribute('href').catch(() => null);
    if (url) {
      if (!/^https?:\/\//.test(url)) throw new Error(`console URL ${url}`);
    } else {
      const text = await page.locator('.problem').innerText();
      if (!/Request id: req-/.test(text)) throw new Error(`console error without request id: ${text}`);
      console.log(`     remote console refused: ${text.split('\n')[0]}`);
      await page.click('.problem button[data-act="dismiss"]').catch(() => {});
    }
    await shot('05-console-url');
  });

  let fipAddress = '';
  await step('lbs: associate then disassociate a floating IP', async () => {
    await page.locator('#detail button[data-act="fip-on"]').click();
    await taskDone('Associate floating IP', 60_000);
    fipAddress = (await page.locator('.task', { hasText: 'Associate floating IP' }).first().locator('small').innerText()).trim();
    await nav('floatingips');
    const r = page.locator('#tbl tr', { has: page.locator(`a:text-is("${fipAddress}")`) });
    await r.locator('td:nth-child(3)').filter({ hasText: /^10\./ }).waitFor({ timeout: 30_000 });
    await shot('06-fip-associated');
    await nav('servers');
    await row(srvName).locator('button[data-act="more"]').click();
    await page.locator('#detail button[data-act="fip-off"]').click();
    await taskDone('Disassociate floating IP', 60_000);
    // Release the address this run allocated (or took free).
    await nav('floatingips');
    await r.locator('td:nth-child(3)').filter({ hasText: '—' }).waitFor({ timeout: 30_000 });
    await r.locator('button[data-act="delete"]').click();
    await gone(fipAddress, 60_000);
    await nav('servers');
  });

  await step('lbs: resize to demo.small and confirm', async () => {
    await row(srvName).locator('button[data-act="more"]').click();
    await choose('rs_flavor', 'demo.small');
    await page.click('#detail form[data-act="resize"] button[type="submit"]');
    await page.locator('.task.good, .task.bad', { hasText: 'Resize' }).first().waitFor({ timeout: SLOW });
    if (await page.locator('.task', { hasText: 'Resize' }).first().evaluate((e) => e.classList.contains('bad'))) {
      const text = await page.locator('.problem').innerText();
      if (!/Request id: req-|VERIFY_RESIZE/.test(text)) throw new Error(`resize error unclear: ${text}`);
      console.log(`     resize refused: ${text.split('\n')[0]}`);
      await shot('07-resize-error');
      return;
    }
    await page.locator('#detail button[data-act="resize-confirm"]').waitFor({ timeout: 30_000 });
    await page.locator('#detail button[data-act="resize-confirm"]').scrollIntoViewIfNeeded();
    await shot('07-verify-resize');
    await page.locator('#detail button[data-act="resize-confirm"]').click();
    await taskDone('Confirm resize', SLOW);
    await page.waitForFunction((n) => [...document.querySelectorAll('#tbl tr')].some(
      (r) => r.textContent.includes(n) && r.textContent.includes('demo.small') && r.textContent.includes('ACTIVE')),
    srvName, { timeout: 60_000 });
    await shot('08-resized');
  });

  await step('lbs: resize to demo.tiny and revert (it stays demo.small)', async () => {
    await row(srvName).locator('button[data-act="more"]').click();
    await choose('rs_flavor', 'demo.tiny');
    await page.click('#detail form[data-act="resize"] button[type="submit"]');
    // The detail comes back with Confirm and Revert once Nova reaches VERIFY_RESIZE.
    const revert = page.locator('#detail button[data-act="resize-revert"]');
    await revert.waitFor({ timeout: SLOW });
    await revert.scrollIntoViewIfNeeded();
    await revert.click();
    await taskDone('Revert resize', SLOW);
    await page.waitForFunction((n) => [...document.querySelectorAll('#tbl tr')].some(
      (r) => r.textContent.includes(n) && r.textContent.includes('demo.small') && r.textContent.includes('ACTIVE')),
    srvName, { timeout: 60_000 });
    await shot('08-reverted');
  });

  await step('lbs: create an image from the server (appears in Images)', async () => {
    await row(srvName).locator('button[data-act="more"]').click();
    await page.fill('#snap_name', imgName);
    await page.click('#detail form[data-act="snapshot"] button[type="submit"]');
    await taskDone(`Create image ${imgName}`, SLOW);
    await nav('images');
    await row(imgName).waitFor({ timeout: 60_000 });
    await shot('09-image');
    await nav('servers');
    await row(srvName).locator('button[data-act="delete"]').click();
    await gone(srvName);
  });

  await step('lbs: attach a volume, then detach it from its row', async () => {
    await nav('volumes');
    await page.fill('#vol_name', volName);
    await page.fill('#vol_size', '1');
    await page.click('form[data-act="create-volume"] button[type="submit"]');
    await badge(volName, 'available').waitFor({ timeout: SLOW });
    await choose('att_vol', volName);
    await choose('att_srv', 'demo-web-2');
    await page.click('form[data-act="attach-volume"] button[type="submit"]');
    await badge(volName, 'in-use').waitFor({ timeout: SLOW });
    await row(volName).locator('button[data-act="detach"]').click();
    await taskDone('Detach volume', SLOW);
    await badge(volName, 'available').waitFor({ timeout: 60_000 });
    await shot('10-detached');
    await row(volName).locator('button[data-act="delete"]').click();
    await gone(volName);
  });

  await step('lbs: add the SSH preset rule to the default group and remove it', async () => {
    await nav('secgroups');
    await row('default').locator('a').first().click();
    await page.locator('#sg-rules').waitFor({ timeout: 30_000 });
    const ssh = page.locator('#sg-rules tr', { hasText: '22-22' });
    await page.click('#detail button[data-act="rule-preset"][data-id="ssh"]');
    await ssh.first().waitFor({ timeout: 60_000 });
    await ssh.first().scrollIntoViewIfNeeded();
    await shot('11-ssh-rule');
    await ssh.first().locator('button[data-act="del-rule"]').click();
    await page.waitForFunction(() => ![...document.querySelectorAll('#sg-rules tr')].some(
      (r) => r.textContent.includes('22-22')), null, { timeout: 60_000 });
  });

  await step('lbs: create a load balancer (listener, pool, member) and see its status tree', async () => {
    await nav('lbs');
    await page.fill('#lb_name', lbName);
    await choose('lb_subnet', 'demo-net-subnet');
    await page.waitForFunction(() => document.querySelectorAll('#lb_members option').length > 0, null, { timeout: 60_000 });
    const first = await page.$eval('#lb_members', (s) => s.options[0].value);
    await page.selectOption('#lb_members', [first]);
    await page.fill('#lb_port', '80');
    await page.click('form[data-act="create-lb"] button[type="submit"]');
    await row(lbName).waitFor({ timeout: 60_000 });
    await shot('12-lb-creating');
    await taskDone(`Create load balancer ${lbName}`, SLOW);
    await badge(lbName, 'ACTIVE').waitFor({ timeout: 60_000 });
    await row(lbName).locator('a').first().click();
    const tree = page.locator('#lbtree');
    await tree.waitFor({ timeout: 30_000 });
    const text = await tree.innerText();
    for (const w of ['listener', 'pool', 'member', first]) {
      if (!text.toLowerCase().includes(w.toLowerCase())) throw new Error(`no ${w} in the tree: ${text}`);
    }
    await tree.scrollIntoViewIfNeeded();
    await shot('13-lb-tree');
    await a11y.check(page, 'load balancers with a status tree');
  });

  await step('lbs: delete the load balancer with cascade', async () => {
    await row(lbName).locator('button[data-act="delete"]').click();
    await gone(lbName);
    await shot('14-lb-deleted');
  });
}

module.exports = { run };
