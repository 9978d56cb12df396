// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mockstream.h"

#include <QString>

/** The producer's log lines for a stream, as `ssescope serve` prints them and the window's producer panel shows. */
namespace ProducerActivity {

/** "127.0.0.1:51234 GET /ticker?count=3 -> ticker" */
QString started(const MockStream &stream);
/** "127.0.0.1:51234 ticker ended: status 200, finished, 3 events, 21 bytes, 0.01 s" */
QString ended(const MockStream &stream, MockStream::Ending ending);

} // namespace ProducerActivity
