// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportwriter.h"

#include "csvwriter.h"
#include "harwriter.h"
#include "ndjsonwriter.h"
#include "rawwriter.h"
#include "recordingwriter.h"
#include "ssewriter.h"

#include <QBuffer>
#include <QDir>
#include <QTemporaryFile>

using namespace Qt::Literals::StringLiterals;

std::unique_ptr<QTemporaryFile> ExportWriter::temporaryFile(const QString &directory, QString *error)
{
    for (const QString &candidate : {directory, QDir::tempPath()}) {
        auto file = std::make_unique<QTemporaryFile>(QDir(candidate).filePath(u"ssescope-export-XXXXXX.tmp"_s));
        if (file->open())
            return file;
        *error = SessionExport::tr("cannot create a temporary file in %1: %2").arg(candidate, file->errorString());
    }
    return nullptr;
}

std::unique_ptr<ExportWriter> ExportWriter::create(SessionExport::Format format, QIODevice *output,
                                                   const QString &spoolDirectory, QString *error)
{
    using Format = SessionExport::Format;
    switch (format) {
    case Format::Ndjson:
        return std::make_unique<NdjsonWriter>(output);
    case Format::Csv:
        return std::make_unique<CsvWriter>(output);
    case Format::Sse:
        return std::make_unique<SseWriter>(output);
    case Format::Raw:
        return std::make_unique<RawWriter>(output);
    case Format::Har: {
        if (spoolDirectory.isEmpty()) {
            auto buffer = std::make_unique<QBuffer>();
            buffer->open(QIODevice::ReadWrite);
            return std::make_unique<HarWriter>(output, std::move(buffer));
        }
        auto spool = temporaryFile(spoolDirectory, error);
        return spool ? std::make_unique<HarWriter>(output, std::move(spool)) : nullptr;
    }
    case Format::Sserec:
        break;
    }
    auto temporary = temporaryFile(spoolDirectory.isEmpty() ? QDir::tempPath() : spoolDirectory, error);
    return temporary ? std::make_unique<RecordingWriter>(std::move(temporary), output) : nullptr;
}

std::unique_ptr<ExportWriter> ExportWriter::createRecording(const QString &path)
{
    return std::make_unique<RecordingWriter>(path);
}
