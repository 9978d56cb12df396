// SPDX-License-Identifier: GPL-3.0-or-later
#include "tabexporter.h"

#include "busyprogress.h"
#include "streamtab.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace {

QString filter(SessionExport::Format format)
{
    switch (format) {
    case SessionExport::Format::Ndjson:
        return TabExporter::tr("NDJSON, one record per line (*.ndjson)");
    case SessionExport::Format::Csv:
        return TabExporter::tr("CSV (*.csv)");
    case SessionExport::Format::Sse:
        return TabExporter::tr("text/event-stream (*.sse)");
    case SessionExport::Format::Raw:
        return TabExporter::tr("Raw body bytes (*.raw)");
    case SessionExport::Format::Har:
        return TabExporter::tr("HAR 1.2 (*.har)");
    case SessionExport::Format::Sserec:
        return TabExporter::tr("SSE Scope recordings (*.sserec)");
    }
    return {};
}

// Runs a long export or import with a progress dialog that cancels it, keeping the window responsive.
SessionExport::Result runWithProgress(const QString &input, QIODevice *output, SessionExport::Format format,
                                      SessionExport::Options options, const QString &label, QWidget *parent)
{
    BusyProgress progress(label, parent);
    options.progress = [&progress](qint64 read, qint64 total) {
        progress.report(read, total);
    };
    options.shouldContinue = [&progress]() {
        return progress.keepGoing();
    };
    return SessionExport::exportFile(input, output, format, options);
}

} // namespace

QString TabExporter::menuText(SessionExport::Format format)
{
    switch (format) {
    case SessionExport::Format::Ndjson:
        return tr("Events as &NDJSON…");
    case SessionExport::Format::Csv:
        return tr("Events as &CSV…");
    case SessionExport::Format::Sse:
        return tr("Events as &text/event-stream…");
    case SessionExport::Format::Raw:
        return tr("Raw &Body…");
    case SessionExport::Format::Har:
        return tr("Session as &HAR…");
    case SessionExport::Format::Sserec:
        return tr("Session as &Recording…");
    }
    return {};
}

void TabExporter::exportTab(StreamTab *tab, SessionExport::Format format, QWidget *parent)
{
    if (!tab)
        return;
    const QString base = QFileInfo(tab->title()).completeBaseName();
    const QString suggested
        = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
              .filePath((base.isEmpty() ? u"stream"_s : base) + u'.' + SessionExport::formatName(format));
    const QString path
        = QFileDialog::getSaveFileName(parent, tr("Export"), suggested, filter(format) + u";;"_s + tr("All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    QString note;
    if (!exportTo(tab, format, path, parent, &error, &note)) {
        QMessageBox::warning(parent, tr("Cannot export"), error);
        return;
    }
    if (!note.isEmpty())
        QMessageBox::information(parent, tr("Exported"), note);
}

bool TabExporter::exportTo(StreamTab *tab, SessionExport::Format format, const QString &path, QWidget *progressParent,
                           QString *error, QString *note)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (note)
        note->clear();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));

    if (!tab->recordingPath().isEmpty()) {
        const SessionExport::Result result
            = runWithProgress(tab->recordingPath(), &file, format, {},
                              tr("Exporting %1…").arg(QFileInfo(tab->recordingPath()).fileName()), progressParent);
        if (result.status == SessionExport::Result::Status::Cancelled)
            return fail(tr("The export was cancelled; nothing was written."));
        if (!result.ok())
            return fail(result.error);
        if (note && !result.warnings.isEmpty())
            *note = result.warnings.join(u'\n');
    } else {
        QString lacks;
        const Recording recording = tab->liveSession(&lacks);
        if (!recording.request)
            return fail(tr("This tab has no session to export yet: connect, or open a recording."));
        const QByteArray bytes = SessionExport::write(recording, format);
        // A session file always has its header line: empty means it could not be made.
        if (format == SessionExport::Format::Sserec && bytes.isEmpty())
            return fail(
                tr("Cannot write %1: no temporary file could be made for it.").arg(QDir::toNativeSeparators(path)));
        if (file.write(bytes) != bytes.size())
            return fail(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        if (note)
            *note = lacks;
    }
    if (!file.commit())
        return fail(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return true;
}

bool TabExporter::importCapture(const QString &capturePath, const QString &recordingPath, QWidget *progressParent,
                                QString *error)
{
    QSaveFile file(recordingPath);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(recordingPath), file.errorString());
        return false;
    }
    SessionExport::Options options;
    options.fromRaw = true;
    const SessionExport::Result result
        = runWithProgress(capturePath, &file, SessionExport::Format::Sserec, options,
                          tr("Importing %1…").arg(QFileInfo(capturePath).fileName()), progressParent);
    if (!result.ok()) {
        if (error)
            *error = result.status == SessionExport::Result::Status::Cancelled ? tr("The import was cancelled.")
                                                                               : result.error;
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(recordingPath), file.errorString());
        return false;
    }
    return true;
}
