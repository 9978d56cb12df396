// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "export/sessionexport.h"

#include <QObject>
#include <QPointer>

class BusyProgress;
class ExportJob;
class QWidget;
class StreamTab;

/**
 * Saves what a tab shows in another format: a recording it shows is converted from its file as a stream on a
 * worker thread, with a progress dialog that cancels it; a live session is written from what the tab holds.
 * Also turns a raw capture into a recording a tab can open. One exporter does one export.
 */
class TabExporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TabExporter)

public:
    explicit TabExporter(QObject *parent = nullptr);
    /** Cancels a conversion under way: nothing is written. */
    ~TabExporter() override;

    /** Asks where to save, then exports; a dialog says what went wrong or what the export lacks, once the export
     *  is done. */
    static void exportTab(StreamTab *tab, SessionExport::Format format, QWidget *parent);

    /** Exports what tab shows to path without asking; finished() follows, before this returns for a live
     *  session. A recording's file is converted with a progress dialog on progressParent (may be null). */
    void exportTo(StreamTab *tab, SessionExport::Format format, const QString &path, QWidget *progressParent);
    /** Converts a raw text/event-stream capture to a session file at recordingPath the same way. */
    void importCapture(const QString &capturePath, const QString &recordingPath, QWidget *progressParent);
    /** Stops a conversion under way, as its progress dialog's Cancel does; nothing is written. */
    void cancel();
    bool isRunning() const;
    /** Whether finished() was emitted. */
    bool isFinished() const { return m_done; }
    /** The conversion under way (its progress comes from the worker thread), or null. */
    ExportJob *job() const { return m_job; }

    /** Once finished: whether the output was written; if not, why not, and whether it was cancelled. */
    bool succeeded() const { return m_done && m_error.isEmpty(); }
    bool wasCancelled() const { return m_cancelled; }
    QString errorText() const { return m_error; }
    /** What a live export lacks, or the reader's warnings about a recording's file; empty when nothing. */
    QString note() const { return m_note; }

    /** The menu text of a format, such as "Events as &CSV…". */
    static QString menuText(SessionExport::Format format);

Q_SIGNALS:
    /** Emitted in the worker thread while a file is converted, about every 4 MiB of input. */
    void progressed(qint64 bytesRead, qint64 totalBytes);
    void finished();

private:
    void convert(const QString &input, const QString &output, SessionExport::Format format,
                 const SessionExport::Options &options, const QString &label, QWidget *progressParent);
    void converted();
    void finish(const QString &error, const QString &note = {});

    ExportJob *m_job = nullptr;
    QPointer<BusyProgress> m_progress;
    bool m_import = false;
    bool m_done = false;
    bool m_cancelled = false;
    QString m_error;
    QString m_note;
};
