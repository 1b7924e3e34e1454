// Follows GET /api/v1/jobs/events. EventSource cannot send an Authorization header, so this reads
// the stream with fetch and parses the text/event-stream lines itself; it reconnects after a
// drop with Last-Event-ID (and starts after a given event), so no state change is missed.
import { authorization } from './auth.js';

export function followJobs(onEvent, { job, after = null, onStatus = () => {} } = {}) {
  const controller = new AbortController();
  // after: the last event already seen (a job's latest history eventId), so the changes made
  // between reading the job and this stream opening are replayed instead of lost
  let lastEventId = after === null || after === undefined ? null : String(after);
  let retry = 3000;

  async function connect() {
    while (!controller.signal.aborted) {
      try {
        const headers = { Accept: 'text/event-stream' };
        const auth = await authorization();
        if (auth) headers.Authorization = auth;
        if (lastEventId) headers['Last-Event-ID'] = lastEventId;
        const r = await fetch('/api/v1/jobs/events' + (job ? '?job=' + encodeURIComponent(job) : ''),
          { headers, signal: controller.signal });
        if (!r.ok) throw new Error('HTTP ' + r.status);
        onStatus(true);
        await read(r.body.getReader());
      } catch (e) {
        if (controller.signal.aborted) return;
      }
      onStatus(false);
      await new Promise(res => setTimeout(res, retry));
    }
  }

  async function read(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    let event = { data: [] };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let nl;
      while ((nl = buffer.search(/\r?\n/)) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + (buffer[nl] === '\r' ? 2 : 1));
        if (line === '') {
          if (event.data.length) {
            if (event.id) lastEventId = event.id;
            try { onEvent(event.name || 'message', JSON.parse(event.data.join('\n')), event.id); } catch (e) { /* a listener's bug */ }
          }
          event = { data: [] };
        } else if (line.startsWith(':')) {
          // comment: "connected" or a heartbeat
        } else {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let value = colon < 0 ? '' : line.slice(colon + 1);
          if (value.startsWith(' ')) value = value.slice(1);
          if (field === 'data') event.data.push(value);
          else if (field === 'event') event.name = value;
          else if (field === 'id') event.id = value;
          else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
        }
      }
    }
  }

  connect();
  return () => controller.abort();
}
