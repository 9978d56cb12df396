// SPDX-License-Identifier: GPL-3.0-or-later
// The npm package eventsource (the EventSource of Node programs) against the same producer and streams as
// bench_sseclient: events/s from a flood, and dispatch latency at about 1,000 events/s.
// Usage: node bench-eventsource-client.mjs BASE_URL FLOOD_EVENTS PACED_EVENTS
import { EventSource } from 'eventsource';

const [base, floodText = '2000000', pacedText = '3000'] = process.argv.slice(2);
const floodEvents = Number(floodText);
const pacedEvents = Number(pacedText);

function run(url, total, onEvent) {
  return new Promise((resolve, reject) => {
    const source = new EventSource(url);
    let count = 0;
    let openedAt = 0n;
    source.onopen = () => { openedAt = process.hrtime.bigint(); };
    source.onerror = (error) => {
      if (count < total) { source.close(); reject(new Error(`stream error after ${count} events: ${error.message}`)); }
    };
    source.onmessage = (event) => {
      onEvent?.(event);
      if (++count === total) {
        source.close();
        resolve(Number(process.hrtime.bigint() - openedAt) / 1e9);
      }
    };
  });
}

let bytes = 0;
const seconds = await run(`${base}/ticker?interval=0&framing=close&count=${floodEvents}`, floodEvents, (event) => {
  bytes += event.data.length + event.lastEventId.length + 12; // about the event's size on the wire
});
console.log(`throughput events=${floodEvents} seconds=${seconds.toFixed(6)} events_per_s=${(floodEvents / seconds).toFixed(0)}`);

const latencies = [];
await run(`${base}/ticker?interval=1&stamp=1&count=${pacedEvents}`, pacedEvents, (event) => {
  const nowUs = Math.round((performance.timeOrigin + performance.now()) * 1000);
  const mark = event.data.indexOf('sent_us=');
  if (mark >= 0) latencies.push(nowUs - Number(event.data.slice(mark + 8)));
});
latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(`latency events=${latencies.length} p50_us=${at(0.5)} p99_us=${at(0.99)} max_us=${at(1)}`);
