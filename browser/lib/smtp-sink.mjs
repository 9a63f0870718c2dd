// A tiny SMTP server for the browser tests: it accepts every message on 127.0.0.1 (no TLS, no
// authentication) and keeps it, so a test can wait for the email the server sent and read the
// link in it. Enough SMTP for lettre's plain client: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.

import net from 'node:net';

/**
 * Starts the sink on a free port (or on `port`, to bring a stopped sink back where the server expects it).
 *
 * @returns {Promise<{port: number, messages: Array<{from: string, to: string[], data: string,
 *   subject: string, body: string}>, waitFor: (predicate: (m) => boolean, timeoutMs?: number) =>
 *   Promise<object>, close: () => Promise<void>}>} body is the decoded text (quoted-printable soft
 *   breaks joined); waitFor resolves with the first message, old or new, that matches.
 */
export async function startSmtpSink({ port: wanted = 0 } = {}) {
  const messages = [];
  const waiters = new Set();
  const sockets = new Set();

  const deliver = (message) => {
    messages.push(message);
    for (const w of [...waiters]) {
      if (w.predicate(message)) {
        waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(message);
      }
    }
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let envelope = { from: '', to: [] };
    let data = [];
    const reply = (line) => socket.write(`${line}\r\n`);
    reply('220 sink.test ESMTP ready');
    socket.on('data', (chunk) => {
      buffer += chunk;
      let i;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            deliver(parse(envelope, data.join('\r\n')));
            envelope = { from: '', to: [] };
            data = [];
            reply('250 OK: queued');
          } else {
            // Dot-stuffing: a leading dot was doubled by the client.
            data.push(line.startsWith('..') ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') {
          socket.write('250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n');
        } else if (verb === 'HELO') {
          reply('250 sink.test');
        } else if (verb === 'MAIL') {
          envelope.from = addressIn(line);
          reply('250 OK');
        } else if (verb === 'RCPT') {
          envelope.to.push(addressIn(line));
          reply('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'RSET') {
          envelope = { from: '', to: [] };
          data = [];
          reply('250 OK');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
        } else {
          reply('250 OK');
        }
      }
    });
  });

  await new Promise((resolve) => server.listen(wanted, '127.0.0.1', resolve));
  const { port } = server.address();

  /** Resolves with the first message that matches, waiting up to timeoutMs for it. */
  const waitFor = (predicate, timeoutMs = 30_000) => {
    const found = messages.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const w = { predicate, resolve };
      w.timer = setTimeout(() => {
        waiters.delete(w);
        const seen = messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join('; ') || 'none';
        reject(new Error(`no matching email within ${timeoutMs / 1000} s (received: ${seen})`));
      }, timeoutMs);
      waiters.add(w);
    });
  };

  const close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  };

  return { port, messages, waitFor, close };
}

function addressIn(line) {
  const m = /<([^>]*)>/.exec(line);
  return m ? m[1] : line.split(':').slice(1).join(':').trim();
}

/** Splits headers and body; decodes quoted-printable and base64 text parts well enough for tests. */
function parse(envelope, data) {
  const split = data.indexOf('\r\n\r\n');
  const head = split >= 0 ? data.slice(0, split) : data;
  const subjectLine = /^Subject:\s*(.*(?:\r\n[ \t].*)*)/im.exec(head);
  const subject = subjectLine ? decodeWords(subjectLine[1].replace(/\r\n[ \t]/g, ' ')) : '';
  return { from: envelope.from, to: envelope.to, data, subject, body: decodeBody(data) };
}

/** RFC 2047 encoded words (=?utf-8?b?…?= / =?utf-8?q?…?=), which lettre uses for non-ASCII subjects. */
function decodeWords(text) {
  return text.replace(/=\?[^?]+\?([bBqQ])\?([^?]*)\?=\s*/g, (_, enc, s) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(s, 'base64').toString('utf8')
      : Buffer.from(s.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

/** The text of the message: every text/plain part (or the whole body), decoded. */
function decodeBody(data) {
  const parts = data.split(/\r\n--[^\r\n]+/);
  const texts = [];
  for (const part of parts) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    let body = part.slice(split + 4);
    if (/Content-Type:\s*(?!text\/plain)[a-z]+\//i.test(head) && !/Content-Type:\s*multipart/i.test(head)) continue;
    if (/Content-Type:\s*multipart/i.test(head)) continue;
    if (/Content-Transfer-Encoding:\s*quoted-printable/i.test(head)) {
      body = Buffer.from(
        body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      ).toString('utf8');
    } else if (/Content-Transfer-Encoding:\s*base64/i.test(head)) {
      body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    }
    texts.push(body);
  }
  return texts.join('\n');
}
