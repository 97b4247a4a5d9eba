// End-to-end steps of the object storage (Swift) page, called from dashboard.cjs with
// the logged-in page. Everything it makes is named ctx.PREFIX* (the container and its
// _segments container); scripts/dashboard-e2e.sh's cleanup deletes them on failure.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const a11y = require('./a11y.cjs');

const BIG = 100 << 20;

async function run(page, ctx) {
  const { step, shot, PREFIX, stamp } = ctx;
  const cname = `${PREFIX}box-${stamp}`;
  const hello = `hello from ${cname}\n`;
  const json = JSON.stringify({ run: cname, n: [1, 2, 3] });
  const dropped = `dropped into docs/ by ${cname}\n`;
  const row = (name) => page.locator(`#o-table tr[data-row="${name}"]`);
  const gone = (name) => page.waitForFunction((n) =>
    document.querySelector('#o-table') && ![...document.querySelectorAll('#o-table tr')].some((r) => r.dataset.row === n),
  name, { timeout: 60_000 });
  const anon = async (url) => {
    const r = await fetch(url);
    return { status: r.status, body: Buffer.from(await r.arrayBuffer()) };
  };
  page.on('dialog', (d) => d.accept());

  await step('objects: create a container', async () => {
    await page.click('#nav-objects');
    await page.fill('#o_name', cname);
    await page.click('form[data-act="o-create"] button[type="submit"]');
    await row(cname).waitFor({ timeout: 30_000 });
    await row(cname).locator('button[data-act="o-open"]').click();
    await page.locator('#o-files').waitFor({ timeout: 10_000 });
  });

  await step('objects: upload two files with the picker', async () => {
    await page.setInputFiles('#o-files', [
      { name: 'hello.txt', mimeType: 'text/plain', buffer: Buffer.from(hello) },
      { name: 'data.json', mimeType: 'application/json', buffer: Buffer.from(json) },
    ]);
    await row('hello.txt').waitFor({ timeout: 30_000 });
    await row('data.json').waitFor({ timeout: 30_000 });
    const type = await row('data.json').locator('td').nth(3).innerText();
    if (type !== 'application/json') throw new Error(`data.json has type ${type}`);
    await a11y.check(page, 'object storage: a container');
  });

  await step('objects: drop a file into a new folder, navigate by breadcrumbs', async () => {
    await page.fill('#o_folder', 'docs');
    await page.click('form[data-act="o-folder"] button[type="submit"]');
    await page.locator('nav.crumbs button[data-id="docs/"]').waitFor({ timeout: 10_000 });
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'note.md', { type: 'text/markdown' }));
      const target = document.getElementById('o-drop');
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, dropped);
    await row('docs/note.md').waitFor({ timeout: 30_000 });
    await page.click(`nav.crumbs button[data-act="o-crumb"][data-id=""]`);
    await row('docs/').waitFor({ timeout: 30_000 });
    await row('docs/').locator('button[data-act="o-crumb"]').click();
    await row('docs/note.md').waitFor({ timeout: 30_000 });
    await shot('objects-folder.png');
    await page.click(`nav.crumbs button[data-act="o-crumb"][data-id=""]`);
    await row('hello.txt').waitFor({ timeout: 30_000 });
  });

  await step('objects: a failing segmented upload shows Swift\'s error and leaves no segment', async () => {
    // A container quota on the segments container makes the second 8 MiB segment fail.
    const segs = `${cname}_segments`;
    const open = async (name) => {
      if (await page.locator('nav.crumbs').count()) await page.click('nav.crumbs button[data-act="o-home"]');
      await row(name).locator('button[data-act="o-open"]').click();
      await page.locator('#o-md').waitFor({ timeout: 30_000 });
    };
    await page.click('nav.crumbs button[data-act="o-home"]');
    await page.fill('#o_name', segs);
    await page.click('form[data-act="o-create"] button[type="submit"]');
    await row(segs).waitFor({ timeout: 30_000 });
    await open(segs);
    await page.fill('#o_mk', 'quota-bytes');
    await page.fill('#o_mv', String(12 << 20));
    await page.click('form[data-act="o-madd"] button[type="submit"]');
    await page.locator('#o-md dt:text-is("quota-bytes")').waitFor({ timeout: 30_000 });
    await open(cname);
    await page.setInputFiles('#o-files',
      { name: 'too-big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(20 << 20, 7) });
    const box = page.locator('.problem', { hasText: /413|quota/i });
    await box.waitFor({ timeout: 120_000 });
    await page.locator('.task.bad', { hasText: 'Upload 1 file(s)' }).waitFor({ timeout: 30_000 });
    console.log(`     failed upload: ${(await box.innerText()).replace(/\s+/g, ' ').slice(0, 120)}`);
    await shot('objects-upload-failed.png');
    await page.click('.problem button[data-act="dismiss"]');
    await row('hello.txt').waitFor({ timeout: 30_000 });
    if (await row('too-big.bin').count()) throw new Error('a manifest was left behind');
    await open(segs);
    await page.locator('#o-table td.empty').waitFor({ timeout: 30_000 });
    await page.click('#o-md button[data-act="o-mdel"][data-id="quota-bytes"]');
    await page.locator('#o-md dt:text-is("quota-bytes")').waitFor({ state: 'detached', timeout: 30_000 });
    await open(cname);
    await row('hello.txt').waitFor({ timeout: 30_000 });
  });

  await step('objects: upload 100 MiB as a segmented upload, progress monotonic to 100%', async () => {
    const file = path.join(os.tmpdir(), `${cname}-big.bin`);
    const buf = Buffer.alloc(BIG);
    for (let i = 0; i < BIG; i += 4) buf.writeUInt32LE((i * 2654435761) >>> 0, i);
    fs.writeFileSync(file, buf);
    try {
      const t0 = Date.now();
      await page.setInputFiles('#o-files', file);
      const bar = page.locator(`progress[data-name="${path.basename(file)}"]`);
      await bar.waitFor({ timeout: 10_000 });
      const samples = [];
      let shotTaken = false;
      for (;;) {
        const [v, max, note] = await bar.evaluate((p) => [p.value, p.max, p.nextElementSibling.textContent]);
        samples.push(v / max);
        if (!shotTaken && v > 0 && v < max) {
          await shot('objects-uploading.png');
          shotTaken = true;
        }
        if (note === 'stored') break;
        if (note.startsWith('failed')) throw new Error(`upload failed: ${note}`);
        if (Date.now() - t0 > 300_000) throw new Error(`upload not done after 300 s: ${note}`);
        await page.waitForTimeout(100);
      }
      const secs = (Date.now() - t0) / 1000;
      for (let i = 1; i < samples.length; i++) {
        if (samples[i] < samples[i - 1]) throw new Error(`progress went back: ${samples.join(',')}`);
      }
      const last = samples[samples.length - 1];
      const distinct = new Set(samples).size;
      if (last !== 1) throw new Error(`progress ended at ${last}`);
      console.log(`     upload 100 MiB: ${secs.toFixed(1)} s, ${(100 / secs).toFixed(1)} MiB/s ` +
        `(${samples.length} samples, ${distinct} distinct values)`);
      await row(path.basename(file)).waitFor({ timeout: 30_000 });
      const size = await row(path.basename(file)).locator('td').nth(2).innerText();
      if (size !== '100.0 MiB') throw new Error(`big object listed as ${size}`);
      ctx.big = path.basename(file);
      await shot('objects-uploaded.png');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  await step('objects: download through the token and compare the bytes', async () => {
    await row('hello.txt').locator('button[data-act="o-get"]').click();
    const link = page.locator('#o-dl-link[data-name="hello.txt"]');
    await link.waitFor({ timeout: 30_000 });
    const text = await link.evaluate(async (a) => (await fetch(a.href)).text());
    if (text !== hello) throw new Error(`downloaded ${JSON.stringify(text)}`);
  });

  await step('objects: metadata add and remove', async () => {
    await page.fill('#o_mk', 'owner');
    await page.fill('#o_mv', 'e2e Zürich');
    await page.click('form[data-act="o-madd"] button[type="submit"]');
    const dd = page.locator('#o-md dt:text-is("owner") + dd');
    await dd.waitFor({ timeout: 30_000 });
    if (!(await dd.innerText()).startsWith('e2e Zürich')) throw new Error(`metadata: ${await dd.innerText()}`);
    await page.click('#o-md button[data-act="o-mdel"][data-id="owner"]');
    await page.locator('#o-md dt:text-is("owner")').waitFor({ state: 'detached', timeout: 30_000 });
  });

  await step('objects: public read ACL, read anonymously, back to private', async () => {
    await page.locator('#o-pubstate[data-public="0"]').waitFor({ timeout: 30_000 });
    await page.click('button[data-act="o-acl"][data-id="1"]');
    await page.locator('#o-pubstate[data-public="1"]').waitFor({ timeout: 30_000 });
    const base = await page.locator('#o-puburl').innerText();
    const got = await anon(`${base}/hello.txt`);
    if (got.status !== 200 || got.body.toString() !== hello) throw new Error(`anonymous read: ${got.status}`);
    await shot('objects-public.png');
    await page.click('button[data-act="o-acl"][data-id="0"]');
    await page.locator('#o-pubstate[data-public="0"]').waitFor({ timeout: 30_000 });
    const denied = await anon(`${base}/hello.txt`);
    if (denied.status < 400) throw new Error(`private container still readable: ${denied.status}`);
  });

  await step('objects: temporary link read without a token', async () => {
    await row('data.json').locator('button[data-act="o-share"]').click();
    await page.fill('#o_hours', '2');
    await page.click('form[data-act="o-link"] button[type="submit"]');
    await page.locator('#o-url').waitFor({ timeout: 30_000 });
    const url = await page.inputValue('#o-url');
    console.log(`     temp link: ${(await page.locator('#o-keynote').innerText()).slice(0, 160)}`);
    const got = await anon(url);
    if (got.status !== 200 || got.body.toString() !== json) throw new Error(`temp URL read: ${got.status}`);
    await shot('objects-templink.png');
  });

  await step('objects: bulk delete the selected objects and the large object', async () => {
    await row('hello.txt').locator('input.o-sel').check();
    await row('data.json').locator('input.o-sel').check();
    await page.click('button[data-act="o-delsel"]');
    await gone('hello.txt');
    await gone('data.json');
    await row(ctx.big).locator('button[data-act="o-delslo"]').click();
    await gone(ctx.big);
  });

  await step('objects: delete the container with its objects (confirmed)', async () => {
    await page.click('nav.crumbs button[data-act="o-home"]');
    await row(cname).waitFor({ timeout: 30_000 });
    await row(cname).locator('button[data-act="o-delc"]').click();
    await gone(cname);
    await page.locator('.task.good', { hasText: `Delete container ${cname}` }).waitFor({ timeout: 60_000 });
    await page.click('button[data-act="o-refresh"]');
    await page.waitForFunction((p) => document.querySelector('#o-table') &&
      ![...document.querySelectorAll('#o-table tr')].some((r) => (r.dataset.row || '').startsWith(p)), cname, { timeout: 30_000 });
    await shot('objects-containers.png');
  });
}

module.exports = { run };
