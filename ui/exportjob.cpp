// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportjob.h"

#include <QDir>
#include <QSaveFile>
#include <QThread>

ExportJob::ExportJob(const QString &input, const QString &output, SessionExport::Format format,
                     const SessionExport::Options &options, QObject *parent)
    : QObject(parent)
    , m_input(input)
    , m_output(output)
    , m_format(format)
    , m_options(options)
{
}

ExportJob::~ExportJob()
{
    if (!m_thread)
        return;
    cancel();
    m_thread->wait();
    delete m_thread;
}

void ExportJob::start()
{
    if (m_thread)
        return;
    m_cancelled = false;
    m_thread = QThread::create([this]() { run(); });
    // QThread::finished comes from the worker: the job takes it in its own thread, after run() has returned.
    connect(m_thread, &QThread::finished, this, [this]() {
        m_thread->wait(); // finished() comes just before the thread ends
        m_thread->deleteLater();
        m_thread = nullptr;
        Q_EMIT finished();
    });
    m_thread->start();
}

void ExportJob::run()
{
    QSaveFile file(m_output);
    if (!file.open(QIODevice::WriteOnly)) {
        m_result = {};
        m_result.status = SessionExport::Result::Status::OutputError;
        m_result.error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_output), file.errorString());
        return;
    }
    SessionExport::Options options = m_options;
    options.progress = [this](qint64 read, qint64 total) {
        Q_EMIT progressed(read, total);
    };
    options.shouldContinue = [this]() {
        return !m_cancelled.load();
    };
    m_result = SessionExport::exportFile(m_input, &file, m_format, options);
    // Not committed, the file is not written at all: what a failed or cancelled export wrote goes with it.
    if (m_result.ok() && !file.commit()) {
        m_result.status = SessionExport::Result::Status::OutputError;
        m_result.error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_output), file.errorString());
    }
}
