// ConsoleIT's scenario in a real browser (Debian's headless chromium through playwright-core).
// Environment: PLINTH_URL, ALICE_KEY, ADMIN_KEY, ALICE_PASSWORD (her Keycloak password),
// KEYCLOAK_URL, SCREENSHOTS (a directory), CHROMIUM (its path), and the jobs ConsoleIT started
// for the plots: ASTRA_JOB, SOURCES_JOB, FEL_JOB (empty when the tool is missing here).
// Every page is seen at laptop (1280 px) and phone (390 px) width, must not scroll sideways,
// must let the keyboard reach each of its controls, and no page may log an error.
// Exits 0 when every step held; otherwise prints the failed step and exits 1.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.env.PLINTH_URL;
const shots = process.env.SCREENSHOTS;
mkdirSync(shots, { recursive: true });
const api = base + '/api/v1';
const T = 60_000;
const SLOW = 600_000; // HyPhy on a busy machine
// A 1×1 PNG, so the job has an image output to preview.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const LAPTOP = { width: 1280, height: 860 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // this machine's closed network refuses Chromium's background connections: switch them off
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const problems = [];
const seen = [];
let step = 'start';
let expected400 = 0;

function watch(page, who) {
  page.on('pageerror', e => problems.push(`${who}: page error: ${e.message} (${step})`));
  page.on('console', m => {
    if (m.type() !== 'error') return;
    // the deliberately wrong submit answers 400: the browser logs that response, not a script error
    if (/status of 400/.test(m.text()) && expected400 > 0) { expected400--; return; }
    problems.push(`${who}: console error: ${m.text()} at ${page.url()} (${step})`);
  });
  return page;
}

async function submitViaApi(key, script) {
  const r = await fetch(api + '/jobs', { method: 'POST', headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
    body: JSON.stringify({ app: 'script', inputs: { script } }) });
  if (r.status !== 201) throw new Error('submit answered ' + r.status + ': ' + await r.text());
  return (await r.json()).id;
}

async function shot(page, name) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  seen.push(name);
}

async function signIn(page, key) {
  await page.goto(base + '/');
  await page.waitForSelector('#api-key');
  // keyboard only: the key field has the focus, Enter submits
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#jobs-table');
}

/** No sideways scrolling: the page fits the viewport's width. */
async function fits(page, name) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) throw new Error(`${name} is ${overflow} px wider than the screen`);
}

/**
 * Every visible control (links, buttons, fields, focusable regions) is reached by pressing Tab
 * from the top of the page, in order, without a mouse.
 */
async function keyboardReachable(page, name) {
  const count = await page.evaluate(() => {
    const sel = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), '
      + 'textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
    // checkVisibility: also false inside a closed <details>, whose content the browser does not render
    const all = [...document.querySelectorAll(sel)].filter(e => e.checkVisibility({ checkVisibilityCSS: true }) && e.getClientRects().length);
    document.querySelectorAll('[data-kb]').forEach(e => delete e.dataset.kb);
    all.forEach((e, i) => { e.dataset.kb = String(i); });
    document.activeElement?.blur();
    window.scrollTo(0, 0);
    return all.length;
  });
  const reached = new Set();
  for (let i = 0; i < count * 2 + 10 && reached.size < count; i++) {
    await page.keyboard.press('Tab');
    const kb = await page.evaluate(() => document.activeElement?.dataset?.kb ?? null);
    if (kb !== null) reached.add(kb);
  }
  if (reached.size < count) {
    const missing = await page.evaluate(r => [...document.querySelectorAll('[data-kb]')].filter(e => !r.includes(e.dataset.kb))
      .map(e => e.outerHTML.slice(0, 100)), [...reached]);
    throw new Error(`${name}: ${count - reached.size} of ${count} controls not reachable by Tab: ${missing.join(' | ')}`);
  }
  return count;
}

/** One page at both widths: it fits, the keyboard reaches it all (laptop), and both are photographed. */
async function bothWidths(name, laptopPage, phonePage, path, ready) {
  for (const [page, suffix] of [[laptopPage, ''], [phonePage, '-phone']]) {
    if (path) await page.goto(base + '/#' + path);
    await page.waitForSelector(ready, { timeout: T });
    await page.waitForTimeout(300); // charts take their width on the next frame
    await fits(page, name + suffix);
    if (!suffix) console.log(`  ${name}: ${await keyboardReachable(page, name)} controls reached by Tab`);
    await shot(page, name + suffix);
  }
}

try {
  step = 'alice signs in with Keycloak (authorization code + PKCE)';
  const laptop = await browser.newContext({ viewport: LAPTOP });
  const page = watch(await laptop.newPage(), 'alice');
  await page.goto(base + '/');
  await page.waitForSelector('#api-key');
  await fits(page, 'login');
  console.log(`  login: ${await keyboardReachable(page, 'login')} controls reached by Tab`);
  await shot(page, '01-login');
  await page.click('#oidc-login');
  await page.waitForURL(u => u.href.startsWith(process.env.KEYCLOAK_URL), { timeout: T });
  const authorize = new URL(page.url());
  if (authorize.searchParams.get('code_challenge_method') !== 'S256' || !authorize.searchParams.get('code_challenge')) {
    throw new Error('no PKCE challenge in ' + page.url());
  }
  await page.waitForSelector('#username', { timeout: T });
  await page.fill('#username', 'alice');
  await page.fill('#password', process.env.ALICE_PASSWORD);
  await shot(page, '02-keycloak');
  await page.click('#kc-login');
  await page.waitForSelector('#jobs-table', { timeout: T });
  if (!page.url().startsWith(base + '/#/jobs')) throw new Error('back from Keycloak at ' + page.url());
  if ((await page.textContent('#who')).trim() !== 'alice') throw new Error('signed in as ' + await page.textContent('#who'));
  const held = await page.evaluate(() => JSON.parse(sessionStorage.getItem('plinth.credential')));
  if (held.kind !== 'oidc' || held.value.split('.').length !== 3) throw new Error('the console holds no token: ' + JSON.stringify(held.kind));
  await page.waitForSelector('#live.live:not(.off)', { timeout: T });

  step = 'alice on a phone signs in with her key, by keyboard';
  const phone = await browser.newContext(PHONE);
  const small = watch(await phone.newPage(), 'alice-phone');
  await small.goto(base + '/');
  await small.waitForSelector('#api-key');
  await fits(small, 'login-phone');
  await shot(small, '01-login-phone');
  await signIn(small, process.env.ALICE_KEY);

  step = 'the apps list shows each app with its availability';
  await bothWidths('03-apps', page, small, '/apps', '[data-app="script"]');

  step = 'a wrong input is shown next to its field';
  await page.click('[data-app="script"] a.button');
  await page.waitForSelector('#submit-form');
  await page.fill('#f-inputs-script', `echo hello console; sleep 2; echo "x,y" > squares.csv; for i in 1 2 3 4 5; do echo "$i,$((i*i))" >> squares.csv; done; echo ${PNG} | base64 -d > dot.png`);
  await page.fill('#f-inputs-environment', '{"1BAD": "x"}');
  await page.fill('#f-name', 'console e2e');
  const json = await page.textContent('#request-json');
  if (!json.includes('"1BAD"')) throw new Error('the request preview does not follow the form: ' + json);
  if (!(await page.textContent('#request-curl')).startsWith('curl ')) throw new Error('no curl command');
  expected400 = 1;
  await page.click('#submit-form button[type=submit]');
  const error = page.locator('[data-field="inputs.environment"] .error');
  await error.waitFor({ state: 'visible', timeout: T });
  const text = await error.textContent();
  if (!/variable name/.test(text)) throw new Error('unexpected field error: ' + text);
  if (await page.locator('[data-field="inputs.script"] .error').isVisible()) throw new Error('an error next to a right field');
  if (await page.evaluate(() => document.activeElement.id) !== 'f-inputs-environment') throw new Error('the focus is not on the wrong field');
  await fits(page, 'submit');
  console.log(`  submit: ${await keyboardReachable(page, 'submit')} controls reached by Tab`);
  await shot(page, '04-submit-field-error');
  await small.goto(base + '/#/apps/script');
  await small.waitForSelector('#submit-form');
  await fits(small, 'submit-phone');
  await shot(small, '04-submit-phone');

  step = 'the corrected job is submitted with the Keycloak token and reaches SUCCEEDED without a reload';
  await page.fill('#f-inputs-environment', '{"WHO": "console"}');
  await page.evaluate(() => { window.__noReload = true; });
  await page.click('#submit-form button[type=submit]');
  await page.waitForSelector('#job-timeline');
  const jobId = page.url().split('#/jobs/')[1];
  await page.waitForSelector('h1[data-state="SUCCEEDED"]', { timeout: T });
  if (!(await page.evaluate(() => window.__noReload))) throw new Error('the page reloaded');
  const states = await page.$$eval('#job-timeline li', lis => lis.map(li => li.dataset.state));
  if (states.join() !== 'QUEUED,STAGING,RUNNING,COLLECTING,SUCCEEDED') throw new Error('timeline: ' + states);
  const submitted = await fetch(api + '/jobs/' + jobId, { headers: { 'X-API-Key': process.env.ALICE_KEY } }).then(r => r.json());
  if (submitted.owner !== 'alice') throw new Error('the job submitted with the Keycloak token is ' + submitted.owner + '\'s');

  step = 'its batch steps are shown';
  await page.waitForSelector('#job-steps tr[data-step="collect"][data-batch-status="COMPLETED"]', { timeout: T });
  const stepNames = await page.$$eval('#job-steps tr[data-step]', trs => trs.map(tr => tr.dataset.step));
  if (stepNames.join() !== 'stage,execute,collect') throw new Error('batch steps: ' + stepNames);

  step = 'its log is shown';
  await page.waitForFunction(() => document.querySelector('#log-stdout').textContent.includes('hello console'), null, { timeout: T });

  step = 'its outputs are previewed: the image shown, the CSV plotted, a text opened';
  await page.waitForSelector('[data-preview-of="dot.png"] img', { timeout: T });
  await page.waitForFunction(() => document.querySelector('[data-preview-of="dot.png"] img').naturalWidth === 1, null, { timeout: T });
  if (!(await page.getAttribute('[data-preview-of="dot.png"] img', 'src')).startsWith('/api/v1/downloads/')) throw new Error('the image is not shown through a link');
  await page.waitForSelector('[data-preview-of="squares.csv"] .chart canvas', { timeout: T });
  await page.click('[data-preview="script.sh"]');
  await page.waitForSelector('[data-preview-of="script.sh"] pre');
  if (!(await page.textContent('[data-preview-of="script.sh"] pre')).includes('hello console')) throw new Error('the script preview is wrong');
  await bothWidths('05-job-succeeded', page, small, '/jobs/' + jobId, '[data-preview-of="squares.csv"] .chart canvas');

  step = 'an output is downloaded through a link, streamed by the browser';
  await page.goto(base + '/#/jobs/' + jobId);
  await page.waitForSelector('[data-download="squares.csv"]');
  const [saved] = await Promise.all([page.waitForEvent('download', { timeout: T }), page.click('[data-download="squares.csv"]')]);
  if (saved.suggestedFilename() !== 'squares.csv' || !saved.url().includes('/api/v1/downloads/')) throw new Error('download: ' + saved.url());
  const file = await saved.path();
  const { readFileSync } = await import('node:fs');
  if (!readFileSync(file, 'utf8').startsWith('x,y\n1,1\n')) throw new Error('the downloaded CSV: ' + readFileSync(file, 'utf8'));

  step = 'the jobs list follows a new job live';
  await page.click('a[href="#/jobs"]');
  await page.waitForSelector(`#jobs-table tr[data-job-id="${jobId}"][data-state="SUCCEEDED"]`);
  await page.waitForSelector('#live.live:not(.off)', { timeout: T });
  const apiJob = await submitViaApi(process.env.ALICE_KEY, 'sleep 1; echo from the api');
  await page.waitForSelector(`#jobs-table tr[data-job-id="${apiJob}"]`, { timeout: T });
  await page.waitForSelector(`#jobs-table tr[data-job-id="${apiJob}"][data-state="SUCCEEDED"]`, { timeout: T });
  await fits(page, 'jobs');
  console.log(`  jobs: ${await keyboardReachable(page, 'jobs')} controls reached by Tab`);
  await shot(page, '06-jobs-live');
  await small.goto(base + '/#/jobs');
  await small.waitForSelector(`#jobs-table tr[data-job-id="${apiJob}"]`);
  await fits(small, 'jobs-phone');
  await shot(small, '06-jobs-phone');

  step = 'alice cancels a long job';
  await page.goto(base + '/#/apps/script');
  await page.waitForSelector('#submit-form');
  await page.fill('#f-inputs-script', 'echo long; sleep 300');
  await page.fill('#f-name', 'long one');
  await page.click('#submit-form button[type=submit]');
  await page.waitForSelector('h1[data-state="RUNNING"]', { timeout: T });
  await page.waitForFunction(() => document.querySelector('#log-stdout').textContent.includes('long'), null, { timeout: T });
  await page.click('#cancel');
  await page.waitForSelector('h1[data-state="CANCELLED"]', { timeout: T });
  await shot(page, '07-job-cancelled');

  step = 'her files';
  await bothWidths('08-files', page, small, '/files', '#upload');

  if (process.env.ASTRA_JOB) {
    step = 'an ASTRA run: beam size, emittance and energy along z, and a phase space';
    await bothWidths('09-astra', page, small, '/jobs/' + process.env.ASTRA_JOB, '#phase-plot canvas');
    for (const id of ['astra-size', 'astra-emittance', 'astra-energy']) {
      const series = await page.$$eval(`#${id} .u-legend .u-series`, s => s.length);
      if (series < 3) throw new Error(`${id}: ${series - 1} series`);
    }
    await page.selectOption('#phase-plane', 'z');
    await page.waitForFunction(() => document.querySelector('#phase-plot')?.getAttribute('aria-label').includes('E kin'), null, { timeout: T });
    const note = await page.textContent('#phase-space + p');
    if (!/\d+ beam particles/.test(note)) throw new Error('phase space: ' + note);
  } else console.log('  (no ASTRA job: its plots are not checked)');

  if (process.env.SOURCES_JOB) {
    step = 'the source finder: the image with the detected sources marked';
    await bothWidths('10-source-finder', page, small, '/jobs/' + process.env.SOURCES_JOB, '#source-image[data-marked]');
    const marked = Number(await page.getAttribute('#source-image', 'data-marked'));
    if (marked < 19) throw new Error('only ' + marked + ' sources marked');
    await page.click('#sources-table tbody tr:first-child button');
    const chosen = await page.$$eval('#source-image circle.chosen', c => c.length);
    if (chosen !== 1) throw new Error('choosing a source marks ' + chosen);
  } else console.log('  (no source finder job: SExtractor is missing)');

  if (process.env.FEL_JOB) {
    step = 'HyPhy FEL: every site\'s rates and p-value';
    await page.goto(base + '/#/jobs/' + process.env.FEL_JOB);
    await page.waitForSelector('h1[data-state="SUCCEEDED"]', { timeout: SLOW });
    await bothWidths('11-hyphy-fel', page, small, '/jobs/' + process.env.FEL_JOB, '#hyphy-evidence canvas');
    if (!(await page.textContent('#hyphy-negative')).match(/\(\d+\)/)) throw new Error('no list of sites');
  } else console.log('  (no HyPhy job: HyPhy is missing)');

  step = 'alice signs out: the Keycloak session ends too';
  await page.goto(base + '/#/jobs');
  await page.waitForSelector('#jobs-table');
  await page.click('#logout');
  await page.waitForSelector('#api-key', { timeout: T });
  if (await page.evaluate(() => sessionStorage.getItem('plinth.credential'))) throw new Error('the token outlived the sign-out');
  await page.click('#oidc-login');
  await page.waitForSelector('#username', { timeout: T }); // asked for the password again: no single sign-on left
  await phone.close();

  step = 'the admin cancels alice\'s job from the list of all jobs';
  const victim = await submitViaApi(process.env.ALICE_KEY, 'sleep 300');
  const adminLaptop = await browser.newContext({ viewport: LAPTOP });
  const admin = watch(await adminLaptop.newPage(), 'admin');
  const adminPhone = await browser.newContext(PHONE);
  const adminSmall = watch(await adminPhone.newPage(), 'admin-phone');
  await signIn(admin, process.env.ADMIN_KEY);
  await signIn(adminSmall, process.env.ADMIN_KEY);
  await admin.click('a[href="#/admin"]');
  await admin.waitForSelector(`#jobs-table tr[data-job-id="${victim}"]`, { timeout: T });
  await admin.waitForSelector(`#jobs-table tr[data-job-id="${victim}"][data-state="RUNNING"]`, { timeout: T });
  await admin.check(`#jobs-table tr[data-job-id="${victim}"] input[type=checkbox]`);
  await admin.click('#bulk-cancel');
  await admin.waitForSelector(`#jobs-table tr[data-job-id="${victim}"][data-state="CANCELLED"]`, { timeout: T });
  const check = await fetch(api + '/jobs/' + victim, { headers: { 'X-API-Key': process.env.ALICE_KEY } }).then(r => r.json());
  if (check.state !== 'CANCELLED') throw new Error('alice sees ' + JSON.stringify(check));
  await admin.waitForSelector(`#audit tr[data-action="job.cancel"]`, { timeout: T });

  step = 'the admin sees the executors\' health';
  await admin.waitForSelector('#executor-local meter', { timeout: T });
  await admin.waitForSelector('#executor-slurm', { timeout: T });

  step = 'the admin switches an app off and on again';
  await admin.click('[data-toggle-app="generator"]');
  await admin.waitForSelector('#apps-table tr[data-app="generator"][data-enabled="false"]', { timeout: T });
  const apps = await fetch(api + '/apps', { headers: { 'X-API-Key': process.env.ALICE_KEY } }).then(r => r.json());
  if (apps.apps.some(a => a.id === 'generator')) throw new Error('alice still sees the disabled app');
  await admin.waitForSelector('#audit tr[data-action="admin.app-disable"]', { timeout: T });
  await admin.click('[data-toggle-app="generator"]');
  await admin.waitForSelector('#apps-table tr[data-app="generator"][data-enabled="true"]', { timeout: T });

  step = 'the admin sets a quota, shown at once, and resets it';
  await admin.fill('#quota-user', 'bob');
  await admin.fill('#quota-bytes', 'lots');
  await admin.click('#quota-form button[type=submit]');
  await admin.waitForSelector('#err-quota-bytes:not([hidden])');
  await admin.fill('#quota-files', '7');
  await admin.fill('#quota-bytes', '20 MiB');
  await admin.click('#quota-form button[type=submit]');
  await admin.waitForSelector('#quotas-table tr[data-user="bob"][data-source="admin"]', { timeout: T });
  const bobsQuota = await admin.textContent('#quotas-table tr[data-user="bob"]');
  if (!bobsQuota.includes('of 7') || !bobsQuota.includes('20.0 MiB')) throw new Error('bob\'s quota row: ' + bobsQuota);
  await admin.waitForSelector('#audit tr[data-action="admin.quota-set"]', { timeout: T });
  await bothWidths('12-admin', admin, adminSmall, '/admin', '#quotas-table tr[data-user="bob"][data-source="admin"]');
  await admin.click('[data-reset-quota="bob"]');
  await admin.waitForSelector('#quotas-table tr[data-user="bob"][data-source="admin"]', { state: 'detached', timeout: T });

  step = 'no script errors in any page';
  if (problems.length) throw new Error(problems.join('\n'));
  console.log(`console e2e: all steps passed; ${seen.length} screenshots in ${shots}: ${seen.join(' ')}`);
  await browser.close();
} catch (e) {
  console.error(`console e2e FAILED at "${step}": ${e.message}`);
  if (problems.length) console.error(problems.join('\n'));
  for (const ctx of browser.contexts()) {
    for (const [i, p] of ctx.pages().entries()) {
      await p.screenshot({ path: `${shots}/failure-${browser.contexts().indexOf(ctx)}-${i}.png`, fullPage: true }).catch(() => {});
    }
  }
  await browser.close();
  process.exit(1);
}
