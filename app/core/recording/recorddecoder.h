// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sessionreader.h"

#include <QCoreApplication>
#include <QJsonObject>

/**
 * One record of a session file, its JSON object, turned back into the structs (request, response, chunk,
 * state) and handed to a sink. SessionReader finds the lines; this knows what the fields of each record are.
 */
class RecordDecoder final
{
    Q_DECLARE_TR_FUNCTIONS(SessionReader)

public:
    enum class Outcome {
        Handed, // decoded and given to the sink
        Skipped, // a record type this reader does not know, from a newer writer of the same version
        Invalid, // *error names the problem and its line
    };

    /** Decodes object, read from line (at byte lineOffset), into sink. */
    static Outcome decode(const QJsonObject &object, qint64 line, qint64 lineOffset, SessionSink &sink, QString *error);
    /** Decodes a read of the stream from its line's text without a JSON document, the way decode() would;
     *  false, having handed nothing, when the line is anything else or not plainly written (decode() then
     *  reads it, or says what is wrong with it). Most lines of a session file are reads. */
    static bool decodeChunkText(QByteArrayView text, SessionSink &sink);
};
