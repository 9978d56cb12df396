// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordingloader.h"

#include "busyprogress.h"
#include "llm/llmview.h"
#include "models/eventlistmodel.h"
#include "stats/statisticspane.h"

#include <QFileInfo>

namespace {

constexpr qint64 ProgressStep = 1 << 20;

} // namespace

RecordingLoader::RecordingLoader(EventListModel *model, StatisticsPane *stats, LlmView *llm)
    : m_model(model)
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
}

RecordingLoader::~RecordingLoader() = default;

SessionReader::Result RecordingLoader::load(const QString &path, QWidget *progressParent)
{
    m_cancelled = false;
    const qint64 size = QFileInfo(path).size();
    BusyProgress progress(tr("Opening %1…").arg(QFileInfo(path).fileName()), progressParent);
    SessionReader reader;
    reader.setProgressCallback([&progress](qint64 read, qint64 total) { progress.report(read, total); },
                               qMax<qint64>(ProgressStep, size / 1000));
    reader.setContinueCallback([this, &progress]() { return progress.keepGoing() && !m_cancelled; });
    const SessionReader::Result result = reader.readFile(path, m_deriver);
    // A file read to its end ended the stream; one cut short by an error or a cancel says nothing of it.
    if (result.ok())
        endOfInput();
    return result;
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
