// A whole workshop series in real Chromium: an administrator invites six participants from three
// services (the invitations arrive in a local SMTP sink and are accepted), a facilitator runs the
// three workshops, the test clock moves through the weeks between them (each participant's
// reminder arrives midway), and the series ends in a published recommendation, a leader's
// answer, and the reports. Pages are checked for ids used twice and unlabelled fields as they
// load (see lib/harness.mjs); 62-series.test.mjs checks the same pages with axe.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, signIn, startServer } from '../lib/harness.mjs';
import { startSmtpSink } from '../lib/smtp-sink.mjs';
import { TEST_TIMEOUT_MS, WAIT_MS, advanceClock, sinkEnv, andWaitForPage, clickButtonAndWait, closePage, isoDay, linkIn, openPage } from './support.mjs';

const PASSWORD = 'series-participant-password';
const MAIL_WAIT_MS = 4 * WAIT_MS;
// Three from children and families, two from adult services, one from residential care (the
// demo's services): residential, on its own, must never be shown by name.
const SERVICES = ['Children and Families', 'Children and Families', 'Children and Families', 'Adult Services', 'Adult Services', 'Residential Care'];

describe('a whole workshop series', () => {
  let sink;
  let server;
  let browser;
  let admin;
  let facilitator;
  let manager;
  const people = []; // {email, name, page}
  let seriesUrl;

  async function go(page, path) {
    const response = await page.goto(`${server.url}${path}`);
    assert.ok(response.ok(), `${path} answers ${response.status()}`);
  }

  /** Moves the test clock on (as the administrator), running what falls due. */
  async function advance(days) {
    await go(admin, '/records');
    await advanceClock(admin, days);
  }

  before(async () => {
    sink = await startSmtpSink();
    server = await startServer({ env: sinkEnv(sink) });
    browser = await launchBrowser();
    admin = await openPage(browser);
    facilitator = await openPage(browser);
    manager = await openPage(browser);
    await signIn(admin, server.url, server.users.administrator);
    await signIn(facilitator, server.url, server.users.facilitator);
    await signIn(manager, server.url, server.users.manager);
  });

  after(async () => {
    for (const p of [admin, facilitator, manager, ...people.map((x) => x.page)]) await closePage(p);
    await browser?.close();
    await server?.stop();
    await sink?.close();
  });

  test('six participants from three services are invited and join', { timeout: TEST_TIMEOUT_MS }, async () => {
    for (const [i, service] of SERVICES.entries()) {
      const email = `series${i + 1}@series.test`;
      await go(admin, '/admin/people');
      await admin.locator('#email').fill(email);
      await admin.locator('#role').selectOption('practitioner');
      await admin.getByLabel('Service', { exact: true }).selectOption({ label: service });
      await clickButtonAndWait(admin, 'Send invitation');
      const invitation = await sink.waitFor((m) => m.to.includes(email), MAIL_WAIT_MS);
      const page = await openPage(browser);
      await page.goto(linkIn(invitation, '/invitations/'));
      const name = `Series Person ${'ABCDEF'[i]}`;
      await page.getByLabel('Your name', { exact: true }).fill(name);
      await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
      await andWaitForPage(page, () => page.locator('form.rw-form button[type=submit]').click());
      people.push({ email, name, page });
    }
  });

  test('the facilitator makes the series and adds everyone', { timeout: TEST_TIMEOUT_MS }, async () => {
    await go(facilitator, '/cohorts');
    await facilitator.getByLabel('Title', { exact: true }).fill('Recording across services, whole');
    const programme = facilitator.getByLabel('Programme', { exact: true });
    await programme.selectOption(await programme.locator('option', { hasText: 'workshop series' }).getAttribute('value'));
    await facilitator.getByLabel('First day', { exact: true }).fill(isoDay(7));
    await facilitator.getByLabel('Second day', { exact: true }).fill(isoDay(35));
    await facilitator.getByLabel('Third day', { exact: true }).fill(isoDay(63));
    await clickButtonAndWait(facilitator, 'Create the cohort');
    seriesUrl = new URL(facilitator.url()).pathname;
    for (const [email, part] of [...people.map((p) => [p.email, 'participant']), [server.users.manager.email, 'manager']]) {
      await facilitator.locator('#person-email').fill(email);
      await facilitator.locator('#person-role').selectOption(part);
      await clickButtonAndWait(facilitator, 'Add');
    }
    const table = await facilitator.locator('table:below(#people)').first().innerText();
    for (const p of people) assert.match(table, new RegExp(p.name));
  });

  test('workshop one: elements, votes, priorities, tests; reminders midway', { timeout: TEST_TIMEOUT_MS }, async () => {
    const cards = ["The person's own words", 'A clear chronology', 'Analysis of risk'];
    await go(people[0].page, `${seriesUrl}/boards/elements`);
    for (const card of cards) {
      await people[0].page.getByLabel('An element of good recording', { exact: true }).fill(card);
      await clickButtonAndWait(people[0].page, 'Add the card');
    }
    // Children and families vote for words and chronology; the others for words and risk.
    for (const [i, p] of people.entries()) {
      await go(p.page, `${seriesUrl}/boards/elements`);
      const mine = i < 3 ? ["The person's own words", 'A clear chronology'] : ["The person's own words", 'Analysis of risk'];
      for (const card of mine) {
        const item = p.page.locator('li.rw-card', { hasText: card });
        await andWaitForPage(p.page, () => item.getByRole('button', { name: /^Vote for card/ }).click());
      }
      await go(p.page, `${seriesUrl}/practice`);
      await p.page.locator('#change-1').fill(`Change ${i + 1}: write the person's own words first.`);
      await clickButtonAndWait(p.page, 'Save the test (test 1)');
    }
    await go(facilitator, `${seriesUrl}/priorities`);
    const priorities = await facilitator.locator('main').innerText();
    assert.match(priorities, /Children and Families \(3\)/);
    assert.match(priorities, /Other services \(3\)/);
    assert.doesNotMatch(priorities, /Residential Care|Adult Services/, 'small services are pooled');
    assert.match(priorities, /A clear chronology: high for Children and Families; low for Other services/);

    await advance(22);
    for (const p of people) {
      const reminder = await sink.waitFor((m) => m.to.includes(p.email) && /test of change/.test(m.subject), MAIL_WAIT_MS);
      assert.match(reminder.body, /keep the log/);
    }
    await people[0].page.goto(`${server.url}${seriesUrl}/practice`);
    await people[0].page.locator('#log-note-1').fill('Did it on two visits; families noticed.');
    await clickButtonAndWait(people[0].page, 'Add to the log (test 1)');
  });

  test('workshop two: small groups, what we found, the assets map', { timeout: TEST_TIMEOUT_MS }, async () => {
    await advance(14);
    await go(facilitator, seriesUrl);
    await andWaitForPage(facilitator, () => facilitator.getByRole('link', { name: 'Groups for this session' }).first().click());
    const sharePath = new URL(facilitator.url()).pathname;
    await clickButtonAndWait(facilitator, 'Make the groups (services mixed)');
    for (const p of people) {
      await go(p.page, `${seriesUrl}/practice`);
      await p.page.locator('#worked-1').fill('Families noticed.');
      await p.page.locator('#possible-1').fill('Supervision that reads records');
      await p.page.locator('#way-1').fill('Forms with fixed boxes');
      await clickButtonAndWait(p.page, 'Save what you found (test 1)');
    }
    await go(people[0].page, sharePath);
    assert.match(await people[0].page.locator('main').innerText(), /What made it possible: Supervision that reads records/);
    await go(people[1].page, `${seriesUrl}/boards/assets`);
    await people[1].page.getByLabel('An asset that supports recording', { exact: true }).fill('Supervision that reads records');
    await people[1].page.getByLabel(/^Cultural/).check();
    await clickButtonAndWait(people[1].page, 'Add the card');
    await go(people[1].page, `${seriesUrl}/boards/barriers`);
    await people[1].page.getByLabel('A barrier', { exact: true }).fill('Forms with fixed boxes');
    await clickButtonAndWait(people[1].page, 'Add the card');
  });

  test('workshop three: recommendations, a leader answers, the reports', { timeout: TEST_TIMEOUT_MS }, async () => {
    await advance(14);
    for (const p of people) await sink.waitFor((m) => m.to.includes(p.email) && /test of change/.test(m.subject) && /not yet chosen/.test(m.body.replace(/=\r?\n/g, '')), MAIL_WAIT_MS);
    await advance(14);
    const p = people[2].page;
    await go(p, `${seriesUrl}/recommendations`);
    await p.getByLabel('A recommendation', { exact: true }).fill('Read one record together in every supervision');
    await p.getByLabel('For a service', { exact: true }).check();
    await p.getByLabel(/^Asset: Supervision/).check();
    await p.getByLabel(/^Barrier: Forms/).check();
    await clickButtonAndWait(p, 'Add the recommendation');
    for (const person of people) {
      await go(person.page, `${seriesUrl}/recommendations`);
      await andWaitForPage(person.page, () => person.page.getByRole('button', { name: /^Vote for recommendation/ }).click());
    }
    await go(facilitator, `${seriesUrl}/recommendations`);
    await clickButtonAndWait(facilitator, 'Publish the recommendations');
    await go(manager, `${seriesUrl}/recommendations`);
    await manager.getByLabel('Accepted', { exact: true }).check();
    await manager.getByLabel('What is being done, or why not now', { exact: true }).fill('From April, in every team.');
    await clickButtonAndWait(manager, 'Answer');
    await go(p, `${seriesUrl}/recommendations`);
    const seen = await p.locator('main').innerText();
    assert.match(seen, /Accepted/);
    assert.match(seen, /From April, in every team\./);
    assert.match(seen, /6 votes/);
    for (const file of ['recommendations.pdf', 'recommendations.xlsx', 'learning.pdf', 'learning.xlsx']) {
      const r = await facilitator.request.get(`${server.url}${seriesUrl}/series-report/${file}`);
      assert.equal(r.status(), 200, file);
    }
    await go(facilitator, `${seriesUrl}/impact`);
    assert.match(await facilitator.locator('main').innerText(), /Tests of change planned\s+6/);
  });
});
