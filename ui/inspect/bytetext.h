// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

// Raw stream bytes as text a person can read: escaped text and a hex dump.
namespace ByteText {

/**
 * The bytes as text: valid UTF-8 stays as characters; \n, \r and \t appear as those escapes, other control
 * bytes and bytes that are not UTF-8 as \xNN. A line break follows each \n so lines stay lines.
 */
QString escaped(QByteArrayView bytes);

/** A hex dump like hexdump -C: offset, 16 bytes in two groups of eight, then the printable ASCII. */
QString hexDump(QByteArrayView bytes, qint64 firstOffset = 0);

/** A size for people: "512 bytes", "1.5 MiB". */
QString sizeText(qint64 bytes);

} // namespace ByteText
