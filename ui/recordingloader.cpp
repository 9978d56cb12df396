// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingloader.h"

#include "busyprogress.h"
#include "llm/llmview.h"
#include "models/eventlistmodel.h"
#include "stats/statisticspane.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace {

// A recording up to this size is read whole before openRecording returns, always: no dialog, no waiting.
constexpr qint64 FirstSliceBytes = qint64(256) << 10;
// Each later slice stops after this long, so that the window handles its events in between.
constexpr qint64 SliceNs = 15'000'000;
constexpr qint64 RecordsPerStep = 8;

} // namespace

RecordingLoader::RecordingLoader(EventListModel *model, StatisticsPane *stats, LlmView *llm, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_stats(stats)
    , m_llm(llm)
    , m_deriver(
          [this](const RecordedEvent &recorded) {
              m_model->appendEvent(recorded.event, recorded.attempt, recorded.monotonicNs, recorded.wallMs);
              m_stats->addEvent(recorded.event, recorded.monotonicNs);
              m_llm->addEvent(recorded.event, recorded.monotonicNs);
          },
          [this](QByteArrayView text, int attempt, qint64 monotonicNs, qint64 wallMs, qint64 offset) {
              const QByteArray comment = text.toByteArray();
              m_model->appendComment(comment, attempt, monotonicNs, wallMs, offset);
              m_stats->addComment(comment, monotonicNs);
          },
          this)
{
    m_deriver.setDiagnosticHandler([this](const RecordedDiagnostic &recorded) {
        m_model->appendDiagnostic(recorded.diagnostic, recorded.attempt, recorded.monotonicNs, recorded.wallMs);
        m_stats->addDiagnostic(recorded.diagnostic);
    });
    m_slices.setInterval(0);
    connect(&m_slices, &QTimer::timeout, this, &RecordingLoader::readSlice);
}

RecordingLoader::~RecordingLoader()
{
    delete m_progress;
}

bool RecordingLoader::start(const QString &path, QWidget *progressParent)
{
    m_slices.stop();
    delete m_progress;
    m_result = {};
    m_cursor = std::make_unique<SessionCursor>(m_deriver);
    if (!m_cursor->open(path)) {
        finish(m_cursor->result());
        return false;
    }
    while (m_cursor->position() < FirstSliceBytes) {
        if (!m_cursor->readNext(RecordsPerStep)) {
            finish(m_cursor->result());
            return m_result.ok();
        }
    }
    m_progress = new BusyProgress(tr("Opening %1…").arg(QFileInfo(path).fileName()), progressParent);
    m_progress->report(m_cursor->position(), m_cursor->fileSize());
    connect(m_progress, &BusyProgress::canceled, this, &RecordingLoader::cancel);
    m_slices.start();
    return true;
}

void RecordingLoader::cancel()
{
    if (!isLoading())
        return;
    SessionReader::Result result = m_cursor->result();
    result.status = SessionReader::Status::Cancelled;
    finish(result);
}

void RecordingLoader::readSlice()
{
    // QProgressDialog::cancel() says so only to wasCanceled(), not by a signal.
    if (m_progress && m_progress->wasCanceled())
        return cancel();
    QElapsedTimer slice;
    slice.start();
    do {
        if (!m_cursor->readNext(RecordsPerStep))
            return finish(m_cursor->result());
    } while (slice.nsecsElapsed() < SliceNs);
    if (m_progress)
        m_progress->report(m_cursor->position(), m_cursor->fileSize());
}

void RecordingLoader::finish(SessionReader::Result result)
{
    // result may be the cursor's own: it is taken before the cursor goes.
    m_result = std::move(result);
    m_slices.stop();
    m_cursor.reset();
    // A file read to its end ended the stream; one cut short by an error or a cancel says nothing of it.
    if (m_result.ok())
        endOfInput();
    if (m_progress) {
        if (m_result.ok())
            m_progress->setValue(m_progress->maximum());
        // Cancel may be what ends the load: the dialog goes once its signal is handled.
        m_progress->hide();
        m_progress->deleteLater();
    }
    Q_EMIT finished();
}

void RecordingLoader::requestRead(const RecordedRequest &request)
{
    m_request = request;
    m_llm->reset(request.monotonicNs);
}

void RecordingLoader::responseRead(const StreamResponse &response, qint64 wallMs)
{
    Q_UNUSED(wallMs)
    m_stats->addResponse(response);
}

void RecordingLoader::chunkRead(const StreamChunk &chunk)
{
    m_model->appendChunk(chunk);
    m_stats->addChunk(chunk);
}

void RecordingLoader::stateRead(const StreamStateChange &change)
{
    m_lastState = change;
    m_model->appendState(change);
    m_stats->addState(change);
}
