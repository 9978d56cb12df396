// SPDX-License-Identifier: GPL-3.0-or-later
// Parses the corpora that bench_sseparser wrote with eventsource-parser, in reads of the same size.
// Two timings per corpus: "bytes in" decodes each read with a streaming TextDecoder inside the timing, as a
// client given network bytes must (SseParser's own timing includes its UTF-8 checks); "strings in" decodes
// before the timing starts, the peer's best case.
// Usage: node bench-eventsource-parser.mjs DIR RUNS READ_SIZE
// Prints: name<TAB>bytes<TAB>events<TAB>seconds bytes in<TAB>seconds strings in
import { readdirSync, readFileSync } from 'node:fs';
import { createParser } from 'eventsource-parser';

const [dir, runsText = '7', readSizeText = '65536'] = process.argv.slice(2);
const runs = Number(runsText);
const readSize = Number(readSizeText);

function parseAll(reads, decode) {
  let count = 0;
  let dataLength = 0;
  const parser = createParser({
    onEvent(event) {
      ++count;
      dataLength += event.data.length;
    },
  });
  const decoder = new TextDecoder('utf-8');
  const start = process.hrtime.bigint();
  if (decode) {
    for (const read of reads) parser.feed(decoder.decode(read, { stream: true }));
    parser.feed(decoder.decode());
  } else {
    for (const read of reads) parser.feed(read);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (dataLength < 0) throw new Error('unreachable');
  return { count, seconds };
}

// Every corpus but the 14 MB events, which take the peer minutes at small reads.
const names = readdirSync(dir)
  .filter((file) => file.endsWith('.sse') && file !== '14mb.sse')
  .map((file) => file.slice(0, -'.sse'.length));
for (const name of names) {
  const bytes = readFileSync(`${dir}/${name}.sse`);
  const reads = [];
  for (let at = 0; at < bytes.length; at += readSize) reads.push(bytes.subarray(at, at + readSize));
  const decoder = new TextDecoder('utf-8');
  const strings = reads.map((read) => decoder.decode(read, { stream: true }));
  strings.push(decoder.decode());

  let bestBytes = Infinity;
  let bestStrings = Infinity;
  let events = 0;
  for (let run = 0; run < runs; ++run) {
    const fromBytes = parseAll(reads, true);
    const fromStrings = parseAll(strings, false);
    if (fromBytes.count !== fromStrings.count) throw new Error(`${name}: event counts differ`);
    events = fromBytes.count;
    bestBytes = Math.min(bestBytes, fromBytes.seconds);
    bestStrings = Math.min(bestStrings, fromStrings.seconds);
  }
  console.log(`${name}\t${bytes.length}\t${events}\t${bestBytes.toFixed(6)}\t${bestStrings.toFixed(6)}`);
}
