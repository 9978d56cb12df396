// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

// Fast JSON text for NDJSON output: one reused buffer, no DOM, no UTF-16 round trip.
namespace JsonText {

/** Appends a quoted JSON string for UTF-8 bytes (which must be valid UTF-8). */
void appendString(QByteArray &out, QByteArrayView utf8);

} // namespace JsonText
