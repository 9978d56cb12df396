// SPDX-License-Identifier: GPL-3.0-or-later
// The peer's side of the whole-process comparison with `ssescope parse --count`: reads FILE in reads of
// READ_SIZE bytes, decodes each with a streaming TextDecoder and feeds eventsource-parser, then prints the
// number of events. Usage: node parse-file.mjs FILE READ_SIZE
import { closeSync, openSync, readSync } from 'node:fs';
import { createParser } from 'eventsource-parser';

const [file, readSizeText = '65536'] = process.argv.slice(2);
const readSize = Number(readSizeText);
let events = 0;
const parser = createParser({
  onEvent() {
    ++events;
  },
});
const decoder = new TextDecoder('utf-8');
const buffer = Buffer.allocUnsafe(readSize);
const fd = openSync(file, 'r');
for (;;) {
  const got = readSync(fd, buffer, 0, readSize, null);
  if (got === 0) break;
  parser.feed(decoder.decode(buffer.subarray(0, got), { stream: true }));
}
parser.feed(decoder.decode());
closeSync(fd);
console.log(`{"events":${events}}`);
