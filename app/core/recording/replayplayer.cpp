// SPDX-License-Identifier: GPL-3.0-or-later
#include "replayplayer.h"

#include "util/clock.h"

#include <algorithm>
#include <cmath>

namespace {

// As fast as possible still returns to the event loop after this many records, so the window stays live.
constexpr int BatchRecords = 500;

} // namespace

// Keeps what the cursor reads until the player hands it over.
class ReplayPlayer::Buffer final : public SessionSink
{
public:
    explicit Buffer(std::deque<Record> &pending)
        : m_pending(pending)
    {
    }

    void headerRead(const SessionHeader &header) override { m_pending.emplace_back(header); }
    void requestRead(const RecordedRequest &request) override { m_pending.emplace_back(request); }
    void responseRead(const StreamResponse &response, qint64 wallMs) override
    {
        m_pending.emplace_back(Response{response, wallMs});
    }
    void chunkRead(const StreamChunk &chunk) override { m_pending.emplace_back(chunk); }
    void stateRead(const StreamStateChange &change) override { m_pending.emplace_back(change); }

private:
    std::deque<Record> &m_pending;
};

ReplayPlayer::ReplayPlayer(SessionSink &sink, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_sink(sink)
    , m_clock(clock ? clock : Clock::system())
    , m_timer(m_clock->createTimer())
    , m_buffer(std::make_unique<Buffer>(m_pending))
{
}

ReplayPlayer::~ReplayPlayer() = default;

bool ReplayPlayer::open(const QString &path, QString *error)
{
    m_timer->stop();
    m_pending.clear();
    m_cursor = std::make_unique<SessionCursor>(*m_buffer);
    m_firstNs = -1;
    m_lastNs = 0;
    m_recordsPlayed = 0;
    m_readsPlayed = 0;
    m_heldNs = 0;
    m_reportedError = false;
    // The header is read now, so that a file that is not a recording fails here rather than on play.
    if (!m_cursor->open(path) || (!fetch() && !m_cursor->result().ok())) {
        if (error)
            *error = m_cursor->result().error;
        m_cursor.reset();
        setState(State::Finished);
        return false;
    }
    setState(m_pending.empty() ? State::Finished : State::Paused);
    return true;
}

const SessionReader::Result &ReplayPlayer::result() const
{
    static const SessionReader::Result none;
    return m_cursor ? m_cursor->result() : none;
}

qint64 ReplayPlayer::recordNs(const Record &record)
{
    return std::visit(
        [](const auto &value) -> qint64 {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, SessionHeader>)
                return -1;
            else if constexpr (std::is_same_v<T, Response>)
                return value.response.monotonicNs;
            else
                return value.monotonicNs;
        },
        record);
}

// Makes sure a record is pending; false at the end of the file or when reading failed.
bool ReplayPlayer::fetch()
{
    while (m_pending.empty() && m_cursor && !m_cursor->atEnd())
        m_cursor->readNext(1);
    if (m_pending.empty() && m_cursor && !m_cursor->result().ok() && !m_reportedError) {
        m_reportedError = true;
        Q_EMIT errorOccurred(m_cursor->result().error);
    }
    return !m_pending.empty();
}

void ReplayPlayer::deliver(const Record &record)
{
    const qint64 ns = recordNs(record);
    if (ns >= 0) {
        if (m_firstNs < 0)
            m_firstNs = ns;
        m_lastNs = std::max(m_lastNs, ns);
    }
    ++m_recordsPlayed;
    std::visit(
        [this](const auto &value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, SessionHeader>) {
                m_sink.headerRead(value);
            } else if constexpr (std::is_same_v<T, RecordedRequest>) {
                m_sink.requestRead(value);
            } else if constexpr (std::is_same_v<T, Response>) {
                m_sink.responseRead(value.response, value.wallMs);
            } else if constexpr (std::is_same_v<T, StreamChunk>) {
                ++m_readsPlayed;
                m_sink.chunkRead(value);
            } else {
                m_sink.stateRead(value);
            }
        },
        record);
}

void ReplayPlayer::setSpeed(double speed)
{
    if (!std::isfinite(speed) || speed < 0)
        speed = 0;
    if (m_state == State::Playing)
        m_baseNs = positionNs() + std::max<qint64>(m_firstNs, 0);
    m_speed = speed;
    if (m_state == State::Playing) {
        m_startedNs = m_clock->monotonicNs();
        pump();
    }
}

void ReplayPlayer::rebase()
{
    // Playing goes on from where it paused, inside the gap before the next record if it paused there.
    m_baseNs = m_firstNs < 0 ? 0 : std::max(m_lastNs, m_heldNs);
    m_startedNs = m_clock->monotonicNs();
}

void ReplayPlayer::play()
{
    if (m_state != State::Paused)
        return;
    rebase();
    setState(State::Playing);
    pump();
}

void ReplayPlayer::pause()
{
    if (m_state != State::Playing)
        return;
    m_heldNs = positionNs() + std::max<qint64>(m_firstNs, 0);
    m_timer->stop();
    setState(State::Paused);
}

bool ReplayPlayer::stepRead()
{
    const qint64 reads = m_readsPlayed;
    return stepUntil([this, reads]() { return m_readsPlayed > reads; });
}

bool ReplayPlayer::stepUntil(const std::function<bool()> &reached)
{
    if (m_state == State::Finished)
        return false;
    pause();
    while (fetch()) {
        const Record record = std::move(m_pending.front());
        m_pending.pop_front();
        deliver(record);
        m_heldNs = 0;
        if (reached())
            break;
    }
    if (!fetch()) {
        setState(State::Finished);
        return false;
    }
    return true;
}

void ReplayPlayer::pump()
{
    int handed = 0;
    while (m_state == State::Playing) {
        if (!fetch()) {
            setState(State::Finished);
            return;
        }
        if (m_speed > 0) {
            const qint64 ns = recordNs(m_pending.front());
            const double dueNs = double(m_startedNs) + double(std::max<qint64>(0, ns - m_baseNs)) / m_speed;
            const double waitNs = dueNs - double(m_clock->monotonicNs());
            if (waitNs > 0) {
                m_timer->start(qint64(std::ceil(waitNs / 1e6)), [this]() { pump(); });
                return;
            }
        }
        const Record record = std::move(m_pending.front());
        m_pending.pop_front();
        deliver(record);
        if (++handed >= BatchRecords) {
            m_timer->start(0, [this]() { pump(); });
            return;
        }
    }
}

qint64 ReplayPlayer::positionNs() const
{
    const qint64 first = std::max<qint64>(m_firstNs, 0);
    qint64 position = m_state == State::Paused ? std::max(m_lastNs, m_heldNs) : m_lastNs;
    if (m_state == State::Playing && m_speed > 0) {
        const double elapsed = double(m_clock->monotonicNs() - m_startedNs) * m_speed;
        position = std::max(position, m_baseNs + qint64(elapsed));
        // Playback never runs ahead of the next record it has not handed over.
        if (!m_pending.empty() && recordNs(m_pending.front()) >= 0)
            position = std::min(position, std::max(m_lastNs, recordNs(m_pending.front())));
    }
    return m_firstNs < 0 ? 0 : std::max<qint64>(0, position - first);
}

double ReplayPlayer::progress() const
{
    if (!m_cursor || m_cursor->fileSize() <= 0)
        return m_state == State::Finished ? 1.0 : 0.0;
    if (m_state == State::Finished)
        return 1.0;
    // The file position is past the record read ahead, which has not been handed over: a record early.
    return std::clamp(double(m_cursor->position()) / double(m_cursor->fileSize()), 0.0, 1.0);
}

void ReplayPlayer::setState(State state)
{
    if (state == m_state)
        return;
    if (state != State::Playing)
        m_timer->stop();
    m_state = state;
    Q_EMIT stateChanged(state);
}
