// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exportwriter.h"
#include "recording/sessionwriter.h"

#include <memory>

class QTemporaryFile;

/** A session file through SessionWriter, at a path or, for a device, in a temporary file copied to it at the end. */
class RecordingWriter final : public ExportWriter
{
public:
    explicit RecordingWriter(const QString &path);
    RecordingWriter(std::unique_ptr<QTemporaryFile> temporary, QIODevice *output);
    ~RecordingWriter() override;

    /** The recording read keeps the time it was created. */
    void headerRead(const SessionHeader &header) override;
    void requestRead(const RecordedRequest &request) override;
    void responseRead(const StreamResponse &response, qint64 wallMs) override;
    void chunkRead(const StreamChunk &chunk) override;
    void stateRead(const StreamStateChange &change) override;
    bool finish() override;

private:
    /** Opens the file on the first record, with the header's time when one was read. */
    void openOnce(const QString &created = {});
    void check(bool written);
    void copy();

    QString m_path;
    bool m_opened = false;
    std::unique_ptr<QTemporaryFile> m_temporary;
    SessionWriter m_writer;
};
