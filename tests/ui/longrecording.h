// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recording/sessionwriter.h"

#include <QString>

// The events a long recording holds.
inline constexpr qint64 LongRecordingEvents = 160'000;

// 400 reads of 400 events with ids and 200 bytes of data each: about 33 MB, read and converted in many slices
// and progress reports.
inline bool writeLongRecording(const QString &path)
{
    SessionWriter writer;
    if (!writer.open(path, 0))
        return false;
    QByteArray body;
    for (int i = 0; i < 400; ++i)
        body += "id: " + QByteArray::number(i) + "\ndata: " + QByteArray(200, 'x') + "\n\n";
    for (int i = 0; i < 400; ++i) {
        StreamChunk chunk;
        chunk.attempt = 1;
        chunk.bytes = body;
        chunk.offset = qint64(i) * body.size();
        chunk.monotonicNs = i;
        if (!writer.writeChunk(chunk))
            return false;
    }
    return true;
}
