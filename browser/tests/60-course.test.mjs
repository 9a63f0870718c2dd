// The two-day course from end to end in real Chromium: an administrator invites four
// participants and the facilitator invites a fifth straight into the cohort (the invitations
// arrive in a local SMTP sink), a facilitator runs the course
// (cohort, people, letters, pair review groups, post-box, summary to the manager), a participant
// writes an action plan, the test clock moves past the follow-up date, and the plan comes back by
// email ("the envelope") to be marked. On the way every programme page is checked with axe; the
// violations are collected and reported by the last test, so that one page's problem does not
// hide whether the course itself works.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, launchBrowser, signIn, startServer } from '../lib/harness.mjs';
import { startSmtpSink } from '../lib/smtp-sink.mjs';
import { TEST_TIMEOUT_MS, WAIT_MS, andWaitForPage, sinkEnv, clickButtonAndWait, closePage, isoDay, linkIn, openAllDetails, openPage, screenshot } from './support.mjs';

const PEOPLE = 5;
const PASSWORD = 'course-participant-password';
const COHORT = 'Recording course, spring';
const MAIL_WAIT_MS = 4 * WAIT_MS;

describe('the two-day course, end to end', () => {
  let sink;
  let server;
  let browser;
  let admin;
  let facilitator;
  let manager;
  const participants = []; // {email, name, page}
  let cohortUrl;
  let reviewPath;
  const a11yProblems = [];

  /** Checks the page with axe (with <details> opened) and keeps any violations for the last test. */
  async function a11y(page, label) {
    try {
      await openAllDetails(page);
      await checkA11y(page, label);
    } catch (err) {
      a11yProblems.push(err.message);
    }
  }

  /** Goes to a path (on the server) and waits for the page. */
  async function go(page, path) {
    const response = await page.goto(`${server.url}${path}`);
    assert.ok(response.ok(), `${path} answers ${response.status()}`);
  }

  before(async () => {
    sink = await startSmtpSink();
    server = await startServer({ env: sinkEnv(sink) });
    browser = await launchBrowser();
  });

  after(async () => {
    for (const p of [admin, facilitator, manager, ...participants.map((x) => x.page)]) await closePage(p);
    await browser?.close();
    await server?.stop();
    await sink?.close();
  });

  /** Accepts an emailed invitation in a new page; returns the page, signed in. */
  async function accept(invitation, email, name) {
    const page = await openPage(browser);
    await page.goto(linkIn(invitation, '/invitations/'));
    await page.getByLabel('Your name', { exact: true }).fill(name);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await andWaitForPage(page, () => page.locator('form.rw-form button[type=submit]').click());
    if ((await page.locator('meta[name=csrf-token]').count()) === 0 || new URL(page.url()).pathname === '/signin') {
      await signIn(page, server.url, { email, password: PASSWORD });
    }
    return page;
  }

  test('an administrator invites four participants, who accept by email', { timeout: TEST_TIMEOUT_MS }, async () => {
    admin = await openPage(browser);
    await signIn(admin, server.url, server.users.administrator);
    for (let i = 1; i < PEOPLE; i++) {
      const email = `participant${i}@course.test`;
      await go(admin, '/admin/people');
      await admin.locator('#email').fill(email);
      await admin.locator('#role').selectOption('practitioner');
      await clickButtonAndWait(admin, 'Send invitation');
      const invitation = await sink.waitFor((m) => m.to.includes(email), MAIL_WAIT_MS);
      const name = `Participant ${'ABCDE'[i - 1]} Course`;
      participants.push({ email, name, page: await accept(invitation, email, name) });
    }
    // Each can reach the members' pages.
    for (const p of participants) {
      await go(p.page, '/records');
      assert.notEqual(new URL(p.page.url()).pathname, '/signin', `${p.email} is signed in`);
    }
  });

  test('the facilitator creates a cohort, adds people, invites a newcomer and emails the letters', { timeout: TEST_TIMEOUT_MS }, async () => {
    facilitator = await openPage(browser);
    await signIn(facilitator, server.url, server.users.facilitator);

    await go(facilitator, '/programmes');
    await a11y(facilitator, 'the programmes list');
    const first = facilitator.locator('main a[href^="/programmes/"]').first();
    await andWaitForPage(facilitator, () => first.click());
    await a11y(facilitator, 'a programme');

    await go(facilitator, '/cohorts');
    await a11y(facilitator, 'the cohort list (empty)');
    await facilitator.getByLabel('Title', { exact: true }).fill(COHORT);
    await facilitator.getByLabel('First day', { exact: true }).fill(isoDay(0));
    await facilitator.getByLabel('Second day', { exact: true }).fill(isoDay(1));
    await facilitator.getByLabel('Venue', { exact: true }).fill('Training room 2');
    await facilitator.getByLabel('Follow-up period in days', { exact: true }).fill('30');
    await clickButtonAndWait(facilitator, 'Create the cohort');
    const m = /^\/cohorts\/(\d+)$/.exec(new URL(facilitator.url()).pathname);
    assert.ok(m, `the new cohort's page (${facilitator.url()})`);
    cohortUrl = `/cohorts/${m[1]}`;
    await facilitator.getByRole('heading', { name: COHORT, level: 1 }).waitFor();

    for (const p of participants) {
      await facilitator.locator('#person-email').fill(p.email);
      await facilitator.locator('#person-role').selectOption('participant');
      await clickButtonAndWait(facilitator, 'Add');
      await facilitator.locator('#people').waitFor();
    }
    // The fifth has no account yet: the facilitator adds them (nothing is emailed yet), edits the
    // letter, then sends it; the invitation brings the letter and a link that makes the account
    // and lands them in the cohort.
    const email = `participant${PEOPLE}@course.test`;
    await facilitator.locator('#person-email').fill(email);
    await facilitator.locator('#person-role').selectOption('participant');
    await clickButtonAndWait(facilitator, 'Add');
    await facilitator.getByText(`Added ${email} to the invitations`).first().waitFor();
    await a11y(facilitator, 'the cohort home (a newcomer invited)');
    const letterBox = facilitator.getByLabel('Letter', { exact: true });
    await letterBox.fill(`${await letterBox.inputValue()}\n\nParking is behind the building.`);
    await clickButtonAndWait(facilitator, 'Save the letter');
    await facilitator.getByText('Letter saved. Nothing has been emailed').waitFor();
    await clickButtonAndWait(facilitator, 'Email the letter to everyone who has not had it');
    const invitation = await sink.waitFor((m) => m.to.includes(email), MAIL_WAIT_MS);
    assert.match(invitation.body, /self-study exercises/, 'the invitation carries the letter');
    assert.match(invitation.body, /Parking is behind/, 'as edited after the newcomer was added');
    const name = `Participant ${'ABCDE'[PEOPLE - 1]} Course`;
    const page = await accept(invitation, email, name);
    assert.equal(new URL(page.url()).pathname, cohortUrl, 'the newcomer lands on the cohort');
    participants.push({ email, name, page });
    await go(facilitator, cohortUrl);

    await facilitator.locator('#person-email').fill(server.users.manager.email);
    await facilitator.locator('#person-role').selectOption('manager');
    await clickButtonAndWait(facilitator, 'Add');
    const people = await facilitator.locator('table:below(#people)').first().innerText();
    for (const p of participants) assert.match(people, new RegExp(p.name), `${p.name} is in the cohort`);

    await clickButtonAndWait(facilitator, 'Email the letter to everyone who has not had it');
    for (const p of participants) {
      const letter = await sink.waitFor((msg) => msg.to.includes(p.email) && /Invitation/.test(msg.subject), MAIL_WAIT_MS);
      assert.match(letter.body, /Training room 2/, 'the letter is mail-merged');
    }
    await a11y(facilitator, 'the page after sending the letters');
    await go(facilitator, cohortUrl);
    await a11y(facilitator, 'the cohort home (facilitator)');
    await screenshot(facilitator, 'course-cohort');

    await go(facilitator, '/cohorts');
    await a11y(facilitator, 'the cohort list');
  });

  test('each participant adds a de-identified case summary', { timeout: TEST_TIMEOUT_MS }, async () => {
    let i = 0;
    for (const p of participants) {
      i++;
      await go(p.page, cohortUrl);
      if (i === 1) await a11y(p.page, 'the cohort home (participant)');
      await go(p.page, `${cohortUrl}/examples`);
      if (i === 1) await a11y(p.page, 'the examples page');
      await p.page.getByLabel('Type of record', { exact: true }).selectOption('case-summary');
      await p.page.getByLabel('Record', { exact: true }).fill(
        `Case summary ${i}. Jane Smith, aged 8, lives with her mother Mary Smith at 12 Elm Road. ` +
          'The family was referred by the school in March because Jane had missed 20 days. ' +
          'I visited on 3 March and saw Jane on her own; she said she wants to stay at home.',
      );
      await clickButtonAndWait(p.page, 'De-identify');
      await p.page.getByRole('heading', { name: /Check the de-identified/ }).waitFor();
      if (i === 1) await a11y(p.page, 'the examples page (checking the redaction)');
      if (i === 1) await screenshot(p.page, 'course-example-check', { fullPage: true });
      await clickButtonAndWait(p.page, 'Confirm and keep the de-identified version');
      const saved = await p.page.locator('section.rw-section .rw-panel').first().innerText();
      assert.match(saved, new RegExp(`Case summary ${i}`));
      assert.doesNotMatch(saved, /Jane Smith/, 'only the de-identified text is kept');
      if (i === 1) await a11y(p.page, 'the examples page (with feedback)');
    }
  });

  test('the facilitator makes groups (a pair and a three); members answer; the facilitator sees only who finished', { timeout: TEST_TIMEOUT_MS }, async () => {
    await go(facilitator, cohortUrl);
    const link = facilitator.locator('tr', { hasText: 'Pair review: case summaries' }).getByRole('link', { name: 'Groups for this session' });
    reviewPath = await link.getAttribute('href');
    assert.match(reviewPath, /\/sessions\/\d+\/review$/);
    await go(facilitator, reviewPath);
    await a11y(facilitator, 'the review page (facilitator, no groups)');
    await clickButtonAndWait(facilitator, 'Make pairs (one three if the number is odd)');
    const sizes = [];
    for (const table of await facilitator.locator('table.rw-table:has(caption)').all()) {
      sizes.push(await table.locator('tbody tr').count());
    }
    assert.deepEqual(sizes.sort(), [2, 3], 'five participants make a pair and a three');

    let i = 0;
    for (const p of participants) {
      i++;
      await go(p.page, reviewPath);
      await p.page.getByRole('heading', { name: /Your group: group \d/ }).waitFor();
      const count = await p.page.locator('section.rw-section form').count();
      assert.ok(count >= 1, `${p.name} has something to read`);
      if (i === 1) await a11y(p.page, 'the review page (participant)');
      if (i === 1) await screenshot(p.page, 'course-pair-review', { fullPage: true });
      for (let k = 0; k < count; k++) {
        const form = p.page.locator('section.rw-section form').nth(k);
        await form.getByLabel('How did it read to you as a colleague professional?').fill(`PRIVATE-ANSWER colleague ${i}.${k}: clear and factual.`);
        await form.getByLabel('How did it read to you as a family member?').fill(`PRIVATE-ANSWER family ${i}.${k}: respectful.`);
        await form.getByLabel('I have finished with this one').check();
        await andWaitForPage(p.page, () => form.getByRole('button', { name: 'Save', exact: true }).click());
      }
    }

    await go(facilitator, reviewPath);
    const text = await facilitator.locator('main').innerText();
    assert.doesNotMatch(text, /PRIVATE-ANSWER/, 'the facilitator never sees the answers');
    assert.equal(await facilitator.locator('table.rw-table:has(caption) .rw-tag', { hasText: 'finished' }).count(), PEOPLE, 'every member finished');
    assert.equal(await facilitator.locator('caption', { hasText: '(finished)' }).count(), 2, 'both groups finished');
    await a11y(facilitator, 'the review page (facilitator, with groups)');
  });

  test('participants post notes; the facilitator sorts them, writes the summary and sends it to the manager', { timeout: TEST_TIMEOUT_MS }, async () => {
    let i = 0;
    for (const p of participants) {
      i++;
      // The cohort's home page links to the participant's pages.
      await go(p.page, cohortUrl);
      await andWaitForPage(p.page, () => p.page.getByRole('link', { name: 'Post-box', exact: true }).click());
      assert.equal(new URL(p.page.url()).pathname, `${cohortUrl}/postbox`);
      if (i === 1) await a11y(p.page, 'the post-box (participant, empty)');
      await p.page.getByLabel('Your note', { exact: true }).fill(`Note ${i}: we need time in supervision to read each other's records.`);
      await clickButtonAndWait(p.page, 'Post');
      await p.page.getByRole('status').filter({ hasText: 'Your note is in the post-box.' }).waitFor();
    }

    await go(facilitator, `${cohortUrl}/postbox`);
    const notes = facilitator.locator('ul.rw-notes > li');
    assert.equal(await notes.count(), PEOPLE, 'every note is in the post-box');
    assert.doesNotMatch(await facilitator.locator('main').innerText(), /Participant [A-E] Course/, 'notes carry no names');
    for (let k = 0; k < PEOPLE; k++) {
      const select = facilitator.locator('ul.rw-notes > li').nth(k).locator('select');
      const values = await select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
      await select.selectOption(values[k % values.length]);
      await andWaitForPage(facilitator, () =>
        facilitator.locator('ul.rw-notes > li').nth(k).getByRole('button', { name: 'Sort', exact: true }).click(),
      );
    }
    await a11y(facilitator, 'the post-box (facilitator, sorted)');
    await facilitator.getByLabel('Summary', { exact: true }).fill('Practitioners ask for protected time in supervision to read records together.');
    await clickButtonAndWait(facilitator, 'Save summary');
    await clickButtonAndWait(facilitator, 'Send to the managers');
    const mail = await sink.waitFor((m) => m.to.includes(server.users.manager.email) && /Post-box/i.test(m.subject), MAIL_WAIT_MS);
    assert.match(mail.data, /postbox\.pdf/, 'the summary comes with its PDF');

    manager = await openPage(browser);
    await signIn(manager, server.url, server.users.manager);
    await go(manager, cohortUrl);
    await a11y(manager, 'the cohort home (manager)');
    await andWaitForPage(manager, () => manager.getByRole('link', { name: 'The post-box summary', exact: true }).click());
    assert.equal(new URL(manager.url()).pathname, `${cohortUrl}/postbox`);
    await manager.getByText('protected time in supervision').waitFor();
    assert.doesNotMatch(await manager.locator('main').innerText(), /Note \d: /, 'managers see the summary, not the notes');
    await a11y(manager, 'the post-box (manager)');
  });

  test('a participant writes learning points and an action plan; a vague statement is flagged', { timeout: TEST_TIMEOUT_MS }, async () => {
    const p = participants[0].page;
    await go(p, `${cohortUrl}/learning`);
    await a11y(p, 'learning points (empty)');
    await p.getByLabel('Learning point', { exact: true }).fill('Write what I saw, not what I concluded.');
    await clickButtonAndWait(p, 'Add');
    await p.getByText('Write what I saw, not what I concluded.').waitFor();
    await a11y(p, 'learning points');

    await go(p, `${cohortUrl}/plan`);
    await a11y(p, 'the action plan (empty)');
    const statements = [
      'I will write a case summary for each of my active cases by 31 March.',
      'I will try to improve my recording.',
      'I will ask my supervisor to read two of my records in each supervision session from April.',
      'I will record the child\'s own words in every visit note from next week.',
    ];
    for (const [k, s] of statements.entries()) await p.getByLabel(`Statement ${k + 1}`, { exact: true }).fill(s);
    await clickButtonAndWait(p, 'Save and check');
    await p.getByRole('status').filter({ hasText: 'Your plan is saved' }).waitFor();
    assert.ok((await p.locator('#s2-check li.rw-finding').count()) > 0, 'the vague statement is flagged');
    assert.equal(await p.locator('#s1-check li.rw-finding').count(), 0, 'a checkable statement passes');
    await a11y(p, 'the action plan (checked)');
    await screenshot(p, 'course-action-plan', { fullPage: true });
  });

  test('after the follow-up date the plan comes back by email and is marked; facilitators see only rates', { timeout: TEST_TIMEOUT_MS }, async () => {
    const p = participants[0];
    await go(admin, '/records');
    const answer = await admin.evaluate(async () => {
      const token = document.querySelector('meta[name="csrf-token"]').content;
      const r = await fetch('/admin/clock', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
        body: JSON.stringify({ advance_days: 200 }),
      });
      return { status: r.status, body: await r.text() };
    });
    assert.equal(answer.status, 200, `POST /admin/clock: ${answer.body}`);

    const envelope = await sink.waitFor((m) => m.to.includes(p.email) && /action plan/i.test(m.subject), MAIL_WAIT_MS);
    assert.match(envelope.body, /I will try to improve my recording/, 'the plan is in the email');
    const link = linkIn(envelope, '/plans/');
    await p.page.goto(link);
    await p.page.getByRole('heading', { name: 'How your action plan went' }).waitFor();
    await a11y(p.page, 'the follow-up form');
    const groups = p.page.locator('fieldset');
    assert.equal(await groups.count(), 4, 'one question per statement');
    const marks = ['Done', 'Partly done', 'Not yet', 'Done'];
    for (let k = 0; k < 4; k++) await groups.nth(k).getByLabel(marks[k], { exact: true }).check();
    await groups.nth(1).getByLabel('Note (optional)').fill('Started, not finished.');
    await clickButtonAndWait(p.page, 'Save');
    await p.page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    await go(facilitator, cohortUrl);
    await andWaitForPage(facilitator, () => facilitator.getByRole('link', { name: 'Action plans: follow-ups', exact: true }).click());
    const main = await facilitator.locator('main').innerText();
    assert.doesNotMatch(main, /improve my recording|Started, not finished/, 'no statement or note reaches the facilitator');
    const rates = Object.fromEntries(
      await facilitator.locator('table.rw-table tbody tr').evaluateAll((rows) =>
        rows.map((r) => [r.cells[0].innerText.trim(), Number(r.cells[1].innerText.trim())]),
      ),
    );
    assert.deepEqual(rates, { Done: 2, 'Partly done': 1, 'Not yet': 1, 'Not marked yet': 0 });
    await a11y(facilitator, 'the facilitator\'s plans page');
  });

  test('the day view: the register for both days', { timeout: TEST_TIMEOUT_MS }, async () => {
    await go(facilitator, `${cohortUrl}/day`);
    const day1 = facilitator.locator('#register-1');
    for (const p of participants.slice(0, PEOPLE - 1)) await day1.getByLabel(p.name, { exact: true }).check();
    await clickButtonAndWait(facilitator, 'Save the register for day 1');
    await facilitator.locator('legend', { hasText: `Day 1: ${PEOPLE - 1} of ${PEOPLE} present` }).waitFor();
    const day2 = facilitator.locator('#register-2');
    for (const p of participants) await day2.getByLabel(p.name, { exact: true }).check();
    await clickButtonAndWait(facilitator, 'Save the register for day 2');
    await facilitator.locator('legend', { hasText: `Day 2: ${PEOPLE} of ${PEOPLE} present` }).waitFor();
    await a11y(facilitator, 'the day view (register taken)');
  });

  test('the day view keeps itself up to date without touching the register', { timeout: TEST_TIMEOUT_MS }, async () => {
    await go(facilitator, `${cohortUrl}/day`);
    const postbox = facilitator.locator('#live-postbox');
    const before = Number(/^(\d+) note/.exec((await postbox.innerText()).trim())[1]);
    // The facilitator is part-way through correcting the register when a note arrives.
    const untick = facilitator.locator('#register-2').getByLabel(participants[0].name, { exact: true });
    await untick.uncheck();
    const p = participants[1];
    await go(p.page, `${cohortUrl}/postbox`);
    await p.page.getByLabel('Your note', { exact: true }).fill('A late note: forms take longer than the visit.');
    await clickButtonAndWait(p.page, 'Post');
    // No reload: the page fetches itself every 20 seconds and replaces only its live parts.
    await facilitator.waitForFunction(
      (want) => document.getElementById('live-postbox').textContent.trim().startsWith(`${want} notes`),
      before + 1,
      { timeout: 45_000, polling: 500 },
    );
    assert.equal(await untick.isChecked(), false, 'what the facilitator was doing in the register is left alone');
  });

  test('reflections, the cohort report and its exports, the day view', { timeout: TEST_TIMEOUT_MS }, async () => {
    let i = 0;
    for (const p of participants) {
      i++;
      await go(p.page, `${cohortUrl}/reflections`);
      if (i === 1) await a11y(p.page, 'the reflections form');
      await p.page.getByLabel('One positive action point', { exact: true }).fill(`Reflection ${i}: write the child's words down.`);
      await p.page.getByLabel('Your most significant learning', { exact: true }).fill('Records are read by families.');
      for (const fieldset of await p.page.locator('form fieldset').all()) {
        await fieldset.getByLabel(String(1 + (i % 5)), { exact: true }).check();
      }
      await clickButtonAndWait(p.page, 'Send');
      await p.page.getByRole('status').filter({ hasText: 'your reflections are saved' }).waitFor();
      if (i === 1) await a11y(p.page, 'the reflections form (saved)');
    }

    await go(facilitator, `${cohortUrl}/report`);
    await a11y(facilitator, 'the cohort report');
    const report = await facilitator.locator('main').innerText();
    assert.doesNotMatch(report, /Participant [A-E] Course.{0,40}Reflection/s, 'reflections are shown without names');
    assert.match(report, /Day 1: present\s+4/, 'the register is counted');
    assert.match(report, /Day 1: absent\s+1/);
    assert.match(report, /Day 2: present\s+5/);

    // The downloads: PDFs start %PDF, spreadsheets are zip files (PK).
    const downloads = [
      [`${cohortUrl}/report.pdf`, '%PDF'],
      [`${cohortUrl}/report.xlsx`, 'PK'],
      [`${cohortUrl}/postbox.pdf`, '%PDF'],
      [`${cohortUrl}/postbox.xlsx`, 'PK'],
    ];
    for (const [path, magic] of downloads) {
      const r = await facilitator.request.get(`${server.url}${path}`);
      assert.equal(r.status(), 200, `${path} answers 200`);
      assert.equal((await r.body()).subarray(0, magic.length).toString('latin1'), magic, `${path} is a ${magic} file`);
    }
    await go(facilitator, cohortUrl);
    const letter = await facilitator.locator('a', { hasText: 'Letter (PDF)' }).first().getAttribute('href');
    const r = await facilitator.request.get(`${server.url}${letter}`);
    assert.equal((await r.body()).subarray(0, 4).toString('latin1'), '%PDF', 'the letter downloads as a PDF');

    await go(facilitator, `${cohortUrl}/day`);
    await a11y(facilitator, 'the day view');
    await clickButtonAndWait(facilitator, (await facilitator.locator('form[action$="/next"] button').innerText()).trim());
    await a11y(facilitator, 'the day view (moved on)');
    await screenshot(facilitator, 'course-day-view', { fullPage: true });
  });

  test('privacy: learning points are private; people outside the cohort get nothing', { timeout: TEST_TIMEOUT_MS }, async () => {
    const other = participants[1].page;
    await go(other, `${cohortUrl}/learning`);
    assert.doesNotMatch(await other.locator('main').innerText(), /what I saw, not what I concluded/, "one participant never sees another's learning points");

    const outsider = await openPage(browser);
    try {
      await signIn(outsider, server.url, server.users.practitioner);
      for (const path of [cohortUrl, `${cohortUrl}/postbox`, `${cohortUrl}/examples`, reviewPath]) {
        const response = await outsider.goto(`${server.url}${path}`);
        assert.equal(response.status(), 404, `${path} is not there for someone outside the cohort`);
      }
    } finally {
      await closePage(outsider);
    }
  });

  test('participants cannot open the facilitators\' pages', { timeout: TEST_TIMEOUT_MS }, async () => {
    const p = participants[3].page;
    for (const path of [`${cohortUrl}/report`, `${cohortUrl}/plans`, `${cohortUrl}/day`]) {
      const response = await p.goto(`${server.url}${path}`);
      assert.ok([403, 404].includes(response.status()), `${path} answers ${response.status()} to a participant`);
    }
  });

  test('someone leaves mid-course: the groups rebalance', { timeout: TEST_TIMEOUT_MS }, async () => {
    await go(facilitator, cohortUrl);
    const path = await facilitator
      .locator('tr', { hasText: 'Pair review: core assessments and analysis' })
      .getByRole('link', { name: 'Groups for this session' })
      .getAttribute('href');
    await go(facilitator, path);
    await clickButtonAndWait(facilitator, 'Make pairs (one three if the number is odd)');
    const sizes = async () => {
      const all = [];
      for (const table of await facilitator.locator('table.rw-table:has(caption)').all()) all.push(await table.locator('tbody tr').count());
      return all.sort();
    };
    assert.deepEqual(await sizes(), [2, 3]);

    const leaver = participants[4];
    await go(facilitator, cohortUrl);
    const row = facilitator.locator('tr', { hasText: leaver.email });
    const names = await facilitator.getByRole('button', { name: /Mark as left/ }).evaluateAll((bs) => bs.map((b) => b.textContent));
    assert.equal(await row.getByRole('button', { name: /Mark as left/ }).count(), 1, `a Mark as left button for ${leaver.name} (buttons: ${names.join(' | ')})`);
    await andWaitForPage(facilitator, () => row.getByRole('button', { name: /Mark as left/ }).click());
    await go(facilitator, path);
    await clickButtonAndWait(facilitator, 'Rebalance the groups');
    assert.deepEqual(await sizes(), [2, 2], 'four people left make two pairs');
    assert.doesNotMatch(await facilitator.locator('main').innerText(), new RegExp(leaver.name), 'the leaver is out of the groups');
  });

  test('error states of the programme pages are accessible too', { timeout: TEST_TIMEOUT_MS }, async () => {
    await go(facilitator, '/cohorts');
    // Dates the picker allows but the course cannot have: the second day before the first.
    await facilitator.getByLabel('Title', { exact: true }).fill('Bad dates');
    await facilitator.getByLabel('First day', { exact: true }).fill(isoDay(1));
    await facilitator.getByLabel('Second day', { exact: true }).fill(isoDay(0));
    await clickButtonAndWait(facilitator, 'Create the cohort');
    await facilitator.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
    await a11y(facilitator, 'the cohort list (with an error)');

    const p = participants[2].page;
    await go(p, `${cohortUrl}/postbox`);
    await a11y(p, 'the post-box (participant, with notes)');
    await go(p, `${cohortUrl}/plan`);
    await a11y(p, 'the action plan (another participant, empty)');
  });

  test('every programme page passes axe (WCAG 2.2 AA)', () => {
    assert.equal(a11yProblems.length, 0, a11yProblems.join('\n\n'));
  });
});
