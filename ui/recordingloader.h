// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "session/eventderiver.h"

#include <QCoreApplication>
#include <QElapsedTimer>

class EventListModel;
class LlmView;
class QProgressDialog;
class StatisticsPane;

/**
 * Loads a recording into a tab's rows, statistics and LLM view as a stream, so a large file keeps a bounded
 * footprint (the rows have a capacity) and the window stays responsive, with a progress dialog that cancels.
 */
class RecordingLoader final : public SessionSink
{
    Q_DECLARE_TR_FUNCTIONS(RecordingLoader)

public:
    RecordingLoader(EventListModel *model, StatisticsPane *stats, LlmView *llm);
    ~RecordingLoader() override;

    /** Reads path; progressParent (may be null) gets a progress dialog for files that take a while. At the end
     *  of the file the stream of its last attempt ends too (see endOfInput()). */
    SessionReader::Result load(const QString &path, QWidget *progressParent);

    /** Stops a load() under way at the next record, as its progress dialog's Cancel does. */
    void cancel() { m_cancelled = true; }
    /** Where records go to be shown: events are derived from the chunks on the way (for a replay). */
    SessionSink &input() { return m_deriver; }
    const RecordedRequest &request() const { return m_request; }
    /** The records handed to input() are all there is (a replay has ended): an event the last attempt left
     *  unfinished is reported, as at the end of a stream. */
    void endOfInput() { m_deriver.finish(); }
    qint64 events() const { return m_deriver.events(); }
    qint64 diagnostics() const { return m_deriver.diagnostics(); }
    /** The last state recorded, as the session ended. */
    const StreamStateChange &lastState() const { return m_lastState; }

    void requestRead(const RecordedRequest &request) override;
    void responseRead(const StreamResponse &response, qint64 wallMs) override;
    void chunkRead(const StreamChunk &chunk) override;
    void stateRead(const StreamStateChange &change) override;

private:
    EventListModel *m_model;
    StatisticsPane *m_stats;
    LlmView *m_llm;
    EventDeriver m_deriver;
    RecordedRequest m_request;
    StreamStateChange m_lastState;
    bool m_cancelled = false;
};
