// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recording/eventderiver.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class BusyProgress;
class EventListModel;
class LlmView;
class StatisticsPane;

/**
 * Loads a recording into a tab's rows, statistics and LLM view as a stream, so a large file keeps a bounded
 * footprint (the rows have a capacity). It reads in slices on the event loop, so the window goes on handling its
 * events in between, with a progress dialog that cancels; deleting the loader stops it. One loader reads one
 * recording (its event parsing goes on from record to record).
 */
class RecordingLoader final : public QObject, public SessionSink
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingLoader)

public:
    RecordingLoader(EventListModel *model, StatisticsPane *stats, LlmView *llm, QObject *parent = nullptr);
    ~RecordingLoader() override;

    /** Starts reading path, its first slice at once: a short file is read whole before this returns. False
     *  (finished() emitted) when it cannot be read at all. progressParent (may be null) gets a progress dialog
     *  for files that take a while. */
    bool start(const QString &path, QWidget *progressParent);
    /** Stops a load under way, keeping what was read, as its progress dialog's Cancel does; finished() follows. */
    void cancel();
    bool isLoading() const { return m_cursor != nullptr; }
    /** How the last load ended, once finished. */
    const SessionReader::Result &result() const { return m_result; }

    /** Where records go to be shown: events are derived from the chunks on the way (for a replay). */
    SessionSink &input() { return m_deriver; }
    const RecordedRequest &request() const { return m_request; }
    qint64 events() const { return m_deriver.events(); }
    qint64 diagnostics() const { return m_deriver.diagnostics(); }
    /** The records handed to input() are all there is (a replay has ended): an event the last attempt left
     *  unfinished is reported, as at the end of a stream. A load read to the end of its file does this itself. */
    void endOfInput() { m_deriver.finish(); }
    /** The last state recorded, as the session ended. */
    const StreamStateChange &lastState() const { return m_lastState; }

    void requestRead(const RecordedRequest &request) override;
    void responseRead(const StreamResponse &response, qint64 wallMs) override;
    void chunkRead(const StreamChunk &chunk) override;
    void stateRead(const StreamStateChange &change) override;

Q_SIGNALS:
    /** The load ended: read whole, failed, or cancelled (result() says which). */
    void finished();

private:
    /** Reads the next slice of the file, then leaves the event loop to the window until the next. */
    void readSlice();
    void finish(SessionReader::Result result);

    EventListModel *m_model;
    StatisticsPane *m_stats;
    LlmView *m_llm;
    EventDeriver m_deriver;
    RecordedRequest m_request;
    StreamStateChange m_lastState;
    std::unique_ptr<SessionCursor> m_cursor; // while loading
    SessionReader::Result m_result;
    QTimer m_slices;
    QPointer<BusyProgress> m_progress;
};
