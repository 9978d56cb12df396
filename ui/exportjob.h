// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "export/sessionexport.h"

#include <QObject>

#include <atomic>

class QThread;

/**
 * Converts a recording (or a raw capture) file to another format on a worker thread, so that the window goes on
 * with its events, and hands its progress and end back to the window's thread by queued signals. The output is
 * written whole or not at all: a cancelled or failed conversion leaves no file behind.
 */
class ExportJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportJob)

public:
    ExportJob(const QString &input, const QString &output, SessionExport::Format format,
              const SessionExport::Options &options, QObject *parent = nullptr);
    /** Cancels a conversion under way and waits for its thread to stop (at the next record). */
    ~ExportJob() override;

    void start();
    /** Stops the conversion at the next record; finished() follows. Safe from any thread. */
    void cancel() { m_cancelled = true; }
    bool isRunning() const { return m_thread != nullptr; }
    /** How it ended, once finished. */
    const SessionExport::Result &result() const { return m_result; }

Q_SIGNALS:
    /** Emitted in the worker thread, about every 4 MiB of input: the bytes read and the input's size. */
    void progressed(qint64 bytesRead, qint64 totalBytes);
    /** Emitted in the job's thread once the output is written whole, or removed. */
    void finished();

private:
    /** The conversion, in the worker thread. */
    void run();

    QString m_input;
    QString m_output;
    SessionExport::Format m_format;
    SessionExport::Options m_options;
    std::atomic<bool> m_cancelled = false;
    QThread *m_thread = nullptr;
    SessionExport::Result m_result; // written by the worker, read once it has finished
};
