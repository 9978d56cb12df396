// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sessionreader.h"

#include <QObject>

#include <deque>
#include <functional>
#include <memory>
#include <variant>

class Clock;
class ClockTimer;

/**
 * Plays a recording back into a sink at its recorded pace: at a speed factor, as fast as possible, or a step at
 * a time. It reads the file a record ahead of what it hands over, so a long recording keeps a small footprint.
 */
class ReplayPlayer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayPlayer)

public:
    enum class State { Paused, Playing, Finished };
    Q_ENUM(State)

    /** Records go to sink, which must outlive the player; clock (default: the system's) paces them. */
    explicit ReplayPlayer(SessionSink &sink, Clock *clock = nullptr, QObject *parent = nullptr);
    ~ReplayPlayer() override;

    /** Opens path paused at its start; false with *error (naming the problem) when it cannot be read. */
    bool open(const QString &path, QString *error = nullptr);

    /** Hands records over at their recorded times divided by speed; 0 hands them over as fast as the event
     *  loop allows, a batch per turn. */
    void setSpeed(double speed);
    double speed() const { return m_speed; }
    void play();
    void pause();
    /** Hands over the records up to and including the next chunk (the next recorded read), then pauses;
     *  false when the recording is over. */
    bool stepRead();
    /** Hands over records until reached() is true after one of them (then pauses), or the recording ends (then
     *  finishes). */
    bool stepUntil(const std::function<bool()> &reached);

    State state() const { return m_state; }
    /** How the file was read: an error or a warning appears here when reading stops or drops a record. */
    const SessionReader::Result &result() const;
    /** Recorded time of the playback position, since the first record. */
    qint64 positionNs() const;
    qint64 recordsPlayed() const { return m_recordsPlayed; }
    qint64 readsPlayed() const { return m_readsPlayed; }
    /** The share of the file handed over, 0 to 1. */
    double progress() const;

Q_SIGNALS:
    void stateChanged(ReplayPlayer::State state);
    /** Reading the file failed part-way; what was handed over stays. */
    void errorOccurred(const QString &message);

private:
    class Buffer;
    struct Response
    {
        StreamResponse response;
        qint64 wallMs = 0;
    };
    using Record = std::variant<SessionHeader, RecordedRequest, Response, StreamChunk, StreamStateChange>;

    static qint64 recordNs(const Record &record);
    bool fetch();
    void deliver(const Record &record);
    void pump();
    void setState(State state);
    void rebase();

    SessionSink &m_sink;
    Clock *m_clock;
    std::unique_ptr<ClockTimer> m_timer;
    std::deque<Record> m_pending; // read ahead, not handed over yet
    std::unique_ptr<Buffer> m_buffer; // fills m_pending
    std::unique_ptr<SessionCursor> m_cursor;
    State m_state = State::Finished;
    double m_speed = 1.0;
    qint64 m_firstNs = -1; // of the first timed record
    qint64 m_lastNs = 0; // of the last record handed over
    qint64 m_baseNs = 0; // recorded time at which playing (re)started
    qint64 m_startedNs = 0; // the clock's time then
    qint64 m_recordsPlayed = 0;
    qint64 m_readsPlayed = 0;
    qint64 m_heldNs = 0; // recorded time reached when paused inside a gap
    bool m_reportedError = false;
};
