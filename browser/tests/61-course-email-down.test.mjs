// The course when the mail server is down: letters that cannot be sent are named on the page,
// the post-box summary is not lost (it goes out once the mail server is back and the retry falls
// due), and the facilitator can see that it has not gone yet.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, signIn, startServer } from '../lib/harness.mjs';
import { startSmtpSink } from '../lib/smtp-sink.mjs';
import { TEST_TIMEOUT_MS, WAIT_MS, advanceClock, clickButtonAndWait, closePage, openPage } from './support.mjs';

describe('the course with the mail server down', () => {
  let sink;
  let port;
  let server;
  let browser;
  let facilitator;
  let admin;
  let cohortUrl;

  before(async () => {
    // Start a sink only to find a free port, then stop it: the server's mail goes nowhere.
    sink = await startSmtpSink();
    port = sink.port;
    await sink.close();
    sink = undefined;
    server = await startServer({
      env: {
        RECORDWELL_SMTP__HOST: '127.0.0.1',
        RECORDWELL_SMTP__PORT: String(port),
        RECORDWELL_SMTP__SECURITY: 'none',
        RECORDWELL_SMTP__FROM: 'Recordwell <rw@test.example>',
        RECORDWELL_TEST_CLOCK: 'true',
      },
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await closePage(facilitator);
    await closePage(admin);
    await browser?.close();
    await server?.stop();
    await sink?.close();
  });

  test('letters that cannot be sent are named on the page', { timeout: TEST_TIMEOUT_MS }, async () => {
    facilitator = await openPage(browser);
    await signIn(facilitator, server.url, server.users.facilitator);
    await facilitator.goto(`${server.url}/cohorts`);
    await facilitator.getByLabel('Title', { exact: true }).fill('Course with no mail');
    await facilitator.getByLabel('First day', { exact: true }).fill('2027-03-04');
    await facilitator.getByLabel('Second day', { exact: true }).fill('2027-03-11');
    await clickButtonAndWait(facilitator, 'Create the cohort');
    cohortUrl = new URL(facilitator.url()).pathname;
    assert.match(cohortUrl, /^\/cohorts\/\d+$/);
    for (const [email, role] of [
      [server.users.practitioner.email, 'participant'],
      [server.users.manager.email, 'manager'],
    ]) {
      await facilitator.locator('#person-email').fill(email);
      await facilitator.locator('#person-role').selectOption(role);
      await clickButtonAndWait(facilitator, 'Add');
    }
    await clickButtonAndWait(facilitator, 'Email the letter to everyone who has not had it');
    const text = await facilitator.locator('main').innerText();
    assert.match(text, /Not sent to 1 person/);
    assert.ok(text.includes(server.users.practitioner.email), `the letter not sent is named:\n${text}`);
  });

  test('a post-box summary sent while mail is down is kept and goes out when it is back', { timeout: TEST_TIMEOUT_MS }, async () => {
    await facilitator.goto(`${server.url}${cohortUrl}/postbox`);
    await facilitator.getByLabel('Summary', { exact: true }).fill('Time to read records together in supervision.');
    await clickButtonAndWait(facilitator, 'Save summary');
    await clickButtonAndWait(facilitator, 'Send to the managers');
    // Give the job runner a moment to try (and fail).
    await new Promise((r) => setTimeout(r, 3000));
    await facilitator.reload();
    assert.doesNotMatch(await facilitator.locator('main').innerText(), /Sent before/, 'not marked sent while mail is down');

    // The mail server comes back on the same port; the retry falls due when the clock moves on.
    sink = await startSmtpSink({ port });
    admin = await openPage(browser);
    await signIn(admin, server.url, server.users.administrator);
    await advanceClock(admin, 1);
    const mail = await sink.waitFor((m) => m.to.includes(server.users.manager.email), 4 * WAIT_MS);
    assert.match(mail.subject, /Post-box summary/);
    await facilitator.reload();
    assert.match(await facilitator.locator('main').innerText(), /Sent before/, 'marked sent once it went');
  });

  test(
    'while mail is down, the facilitator can see that the post-box summary has not gone',
    {
      timeout: TEST_TIMEOUT_MS,
    },
    async () => {
      await sink.close();
      sink = undefined;
      await clickButtonAndWait(facilitator, 'Send to the managers');
      await new Promise((r) => setTimeout(r, 3000));
      await facilitator.reload();
      const text = await facilitator.locator('main').innerText();
      assert.match(text, /not (been )?sent|will try again|failed|waiting/i, `the post-box page says the summary has not gone:\n${text}`);
    },
  );
});
