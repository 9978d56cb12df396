// SPDX-License-Identifier: GPL-3.0-or-later
#include "tabexporter.h"

#include "busyprogress.h"
#include "exportjob.h"
#include "notice.h"
#include "streamtab.h"
#include "userfolders.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSaveFile>

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

TabExporter::TabExporter(QObject *parent)
    : QObject(parent)
{
}

TabExporter::~TabExporter()
{
    delete m_progress;
}

void TabExporter::exportTab(StreamTab *tab, SessionExport::Format format, QWidget *parent)
{
    if (!tab)
        return;
    const QString base = QFileInfo(tab->title()).completeBaseName();
    const QString suggested
        = QDir(UserFolders::documents())
              .filePath((base.isEmpty() ? u"stream"_s : base) + u'.' + SessionExport::formatName(format));
    const QString path
        = QFileDialog::getSaveFileName(parent, tr("Export"), suggested, filter(format) + u";;"_s + tr("All files (*)"));
    if (path.isEmpty())
        return;
    auto exporter = new TabExporter(parent);
    connect(exporter, &TabExporter::finished, exporter, [exporter, parent]() {
        exporter->deleteLater();
        if (!exporter->succeeded() && !exporter->wasCancelled())
            Notice::warn(parent, tr("Cannot export"), exporter->errorText());
        else if (exporter->succeeded() && !exporter->note().isEmpty())
            Notice::inform(parent, tr("Exported"), exporter->note());
    });
    exporter->exportTo(tab, format, path, parent);
}

void TabExporter::exportTo(StreamTab *tab, SessionExport::Format format, const QString &path, QWidget *progressParent)
{
    if (!tab->recordingPath().isEmpty()) {
        convert(tab->recordingPath(), path, format, {},
                tr("Exporting %1…").arg(QFileInfo(tab->recordingPath()).fileName()), progressParent);
        return;
    }
    QString lacks;
    const Recording recording = tab->liveSession(&lacks);
    if (!recording.request)
        return finish(tr("This tab has no session to export yet: connect, or open a recording."));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return finish(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    const QByteArray bytes = SessionExport::write(recording, format);
    // A session file always has its header line: empty means it could not be made.
    if (format == SessionExport::Format::Sserec && bytes.isEmpty())
        return finish(
            tr("Cannot write %1: no temporary file could be made for it.").arg(QDir::toNativeSeparators(path)));
    if (file.write(bytes) != bytes.size() || !file.commit())
        return finish(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    finish(QString(), lacks);
}

void TabExporter::importCapture(const QString &capturePath, const QString &recordingPath, QWidget *progressParent)
{
    m_import = true;
    SessionExport::Options options;
    options.fromRaw = true;
    convert(capturePath, recordingPath, SessionExport::Format::Sserec, options,
            tr("Importing %1…").arg(QFileInfo(capturePath).fileName()), progressParent);
}

void TabExporter::cancel()
{
    if (!m_job)
        return;
    m_cancelled = true;
    m_job->cancel();
}

bool TabExporter::isRunning() const
{
    return m_job && m_job->isRunning();
}

void TabExporter::convert(const QString &input, const QString &output, SessionExport::Format format,
                          const SessionExport::Options &options, const QString &label, QWidget *progressParent)
{
    m_job = new ExportJob(input, output, format, options, this);
    m_progress = new BusyProgress(label, progressParent);
    // The progress comes from the worker thread: the dialog takes it in the window's, queued.
    connect(m_job, &ExportJob::progressed, m_progress, &BusyProgress::report);
    connect(m_job, &ExportJob::progressed, this, &TabExporter::progressed, Qt::DirectConnection);
    connect(m_progress, &BusyProgress::canceled, this, &TabExporter::cancel);
    // QProgressDialog::cancel() says so only to wasCanceled(): it is looked at with each report.
    connect(m_job, &ExportJob::progressed, this, [this]() {
        if (m_progress && m_progress->wasCanceled())
            cancel();
    });
    connect(m_job, &ExportJob::finished, this, &TabExporter::converted);
    m_job->start();
}

void TabExporter::converted()
{
    if (m_progress) {
        m_progress->hide();
        m_progress->deleteLater();
    }
    const SessionExport::Result &result = m_job->result();
    if (result.status == SessionExport::Result::Status::Cancelled) {
        m_cancelled = true;
        return finish(m_import ? tr("The import was cancelled.")
                               : tr("The export was cancelled; nothing was written."));
    }
    m_cancelled = false;
    finish(result.ok() ? QString() : result.error, result.warnings.join(u'\n'));
}

void TabExporter::finish(const QString &error, const QString &note)
{
    m_done = true;
    m_error = error;
    m_note = note;
    Q_EMIT finished();
}
