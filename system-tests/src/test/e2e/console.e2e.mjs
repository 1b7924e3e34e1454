// ConsoleIT's scenario in a real browser (Debian's headless chromium through playwright-core).
// Environment: PLINTH_URL, ALICE_KEY, ADMIN_KEY, SCREENSHOTS (a directory), CHROMIUM (its path).
// Exits 0 when every step held; otherwise prints the failed step and exits 1.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.env.PLINTH_URL;
const shots = process.env.SCREENSHOTS;
mkdirSync(shots, { recursive: true });
const api = base + '/api/v1';
const T = 60_000;
// A 1×1 PNG, so the job has an image output to preview.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // this machine's closed network refuses Chromium's background connections: switch them off
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const problems = [];
let step = 'start';

function watch(page, who) {
  page.on('pageerror', e => problems.push(`${who}: page error: ${e.message}`));
  page.on('console', m => {
    if (m.type() !== 'error') return;
    // the deliberately wrong submit answers 400: the browser logs that response, not a script error
    if (/status of 400/.test(m.text()) && expected400 > 0) { expected400--; return; }
    problems.push(`${who}: console error: ${m.text()}`);
  });
}
let expected400 = 0;

async function submitViaApi(key, script) {
  const r = await fetch(api + '/jobs', { method: 'POST', headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
    body: JSON.stringify({ app: 'script', inputs: { script } }) });
  if (r.status !== 201) throw new Error('submit answered ' + r.status + ': ' + await r.text());
  return (await r.json()).id;
}

async function shot(page, name) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

async function signIn(page, key) {
  await page.goto(base + '/');
  await page.waitForSelector('#api-key');
  // keyboard only: the key field has the focus, Enter submits
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#jobs-table');
}

try {
  step = 'alice signs in with Keycloak (authorization code + PKCE)';
  const laptop = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await laptop.newPage();
  watch(page, 'alice');
  await page.goto(base + '/');
  await page.waitForSelector('#api-key');
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
  await shot(page, '01b-keycloak');
  await page.click('#kc-login');
  await page.waitForSelector('#jobs-table', { timeout: T });
  if (!page.url().startsWith(base + '/#/jobs')) throw new Error('back from Keycloak at ' + page.url());
  if ((await page.textContent('#who')).trim() !== 'alice') throw new Error('signed in as ' + await page.textContent('#who'));
  const held = await page.evaluate(() => JSON.parse(sessionStorage.getItem('plinth.credential')));
  if (held.kind !== 'oidc' || held.value.split('.').length !== 3) throw new Error('the console holds no token: ' + JSON.stringify(held.kind));
  await page.waitForSelector('#live.live:not(.off)', { timeout: T });

  step = 'the apps list shows the script app with its availability';
  await page.click('a[href="#/apps"]');
  await page.waitForSelector('[data-app="script"]');
  await shot(page, '02-apps');
  await page.click('[data-app="script"] a.button');
  await page.waitForSelector('#submit-form');

  step = 'a wrong input is shown next to its field';
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
  await shot(page, '03-submit-field-error');

  step = 'the corrected job is submitted and reaches SUCCEEDED without a reload';
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

  step = 'its log is shown';
  await page.waitForFunction(() => document.querySelector('#log-stdout').textContent.includes('hello console'), null, { timeout: T });

  step = 'its outputs are previewed: the image shown, the CSV plotted';
  await page.waitForSelector('[data-preview-of="dot.png"] img', { timeout: T });
  await page.waitForSelector('[data-preview-of="squares.csv"] .chart canvas', { timeout: T });
  await page.click('[data-preview="script.sh"]');
  await page.waitForSelector('[data-preview-of="script.sh"] pre');
  await shot(page, '04-job-succeeded');

  step = 'the jobs list follows a new job live';
  await page.click('a[href="#/jobs"]');
  await page.waitForSelector(`#jobs-table tr[data-job-id="${jobId}"][data-state="SUCCEEDED"]`);
  await page.waitForSelector('#live.live:not(.off)', { timeout: T });
  const apiJob = await submitViaApi(process.env.ALICE_KEY, 'sleep 1; echo from the api');
  await page.waitForSelector(`#jobs-table tr[data-job-id="${apiJob}"]`, { timeout: T });
  await page.waitForSelector(`#jobs-table tr[data-job-id="${apiJob}"][data-state="SUCCEEDED"]`, { timeout: T });
  await shot(page, '05-jobs-live');

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
  await shot(page, '06-job-cancelled');

  step = 'alice signs out: the Keycloak session ends too';
  await page.click('#logout');
  await page.waitForSelector('#api-key', { timeout: T });
  if (await page.evaluate(() => sessionStorage.getItem('plinth.credential'))) throw new Error('the token outlived the sign-out');
  await page.click('#oidc-login');
  await page.waitForSelector('#username', { timeout: T }); // asked for the password again: no single sign-on left

  step = 'phone width: the jobs list and a job fit the screen';
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const small = await phone.newPage();
  watch(small, 'alice-phone');
  await signIn(small, process.env.ALICE_KEY);
  await shot(small, '07-phone-jobs');
  await small.goto(base + '/#/jobs/' + jobId);
  await small.waitForSelector('h1[data-state="SUCCEEDED"]');
  await small.waitForSelector('[data-preview-of="squares.csv"] .chart canvas', { timeout: T });
  const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) throw new Error('the job page is ' + overflow + ' px wider than a phone');
  await shot(small, '08-phone-job');
  await phone.close();

  step = 'the admin cancels alice\'s job from the list of all jobs';
  const victim = await submitViaApi(process.env.ALICE_KEY, 'sleep 300');
  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const admin = await adminContext.newPage();
  watch(admin, 'admin');
  await signIn(admin, process.env.ADMIN_KEY);
  await admin.click('a[href="#/admin"]');
  await admin.waitForSelector(`#jobs-table tr[data-job-id="${victim}"]`, { timeout: T });
  await admin.waitForSelector('#executor-local meter', { timeout: T });
  await admin.waitForSelector('#apps-table tr[data-app="script"]', { timeout: T });
  await admin.waitForSelector('#audit table', { timeout: T });
  await admin.check(`#jobs-table tr[data-job-id="${victim}"] input[type=checkbox]`);
  await admin.click('#bulk-cancel');
  await admin.waitForSelector(`#jobs-table tr[data-job-id="${victim}"][data-state="CANCELLED"]`, { timeout: T });
  await shot(admin, '09-admin');
  const check = await fetch(api + '/jobs/' + victim, { headers: { 'X-API-Key': process.env.ALICE_KEY } }).then(r => r.json());
  if (check.state !== 'CANCELLED') throw new Error('alice sees ' + JSON.stringify(check));

  step = 'no script errors in any page';
  if (problems.length) throw new Error(problems.join('\n'));
  console.log('console e2e: all steps passed; screenshots in ' + shots);
  await browser.close();
} catch (e) {
  console.error(`console e2e FAILED at "${step}": ${e.message}`);
  if (problems.length) console.error(problems.join('\n'));
  for (const ctx of browser.contexts()) {
    for (const [i, p] of ctx.pages().entries()) {
      await p.screenshot({ path: `${shots}/failure-${i}.png`, fullPage: true }).catch(() => {});
    }
  }
  await browser.close();
  process.exit(1);
}
