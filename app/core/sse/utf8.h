// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// UTF-8 as the WHATWG Encoding standard decodes it: the event stream is UTF-8 whatever the headers say.
namespace Utf8 {

/** True when every byte is ASCII (below 0x80). */
bool isAscii(QByteArrayView bytes) noexcept;

/** True when the bytes are well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF). */
bool isValid(QByteArrayView bytes) noexcept;

/** Appends the bytes, replacing each maximal invalid subpart by U+FFFD exactly as the WHATWG decoder does. */
void appendSanitized(QByteArray &out, QByteArrayView bytes);

/** offset, or the start of the character the byte at offset continues: a place to cut without splitting a
 *  character (offset is clamped to the size). */
qsizetype boundaryAtOrBefore(QByteArrayView bytes, qsizetype offset) noexcept;

/** The longest start of bytes that holds at most limit bytes and ends on a character boundary. */
QByteArrayView prefix(QByteArrayView bytes, qsizetype limit) noexcept;

/** Decodes UTF-8 to a QString, keeping a leading U+FEFF (QString::fromUtf8 drops it, SSE data must not). */
QString toString(QByteArrayView bytes);

} // namespace Utf8
