// SPDX-License-Identifier: GPL-3.0-or-later
// A recording's chunks and states through EventDeriver into a StreamLog and StreamStats, as a tab opening a
// recording feeds them: events, comments and diagnostics in stream order, each diagnostic with the chunks it was
// found in, the unfinished last event reported where the live client reports it, and counted by kind.
#include "log/streamlog.h"
#include "log/streamstats.h"
#include "recording/eventderiver.h"

#include <QFile>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

// One record of a recording: a chunk of an attempt's body, or a state.
struct Step
{
    int attempt = 1;
    QByteArray bytes; // a chunk, when state is Idle
    StreamState state = StreamState::Idle;
    StreamCause cause = StreamCause::Unknown; // as in a recording made before states had causes
};

using Steps = QList<Step>;

Step chunk(const QByteArray &bytes, int attempt = 1)
{
    return Step{attempt, bytes, StreamState::Idle, StreamCause::Unknown};
}

Step state(StreamState state, int attempt = 1)
{
    return Step{attempt, {}, state, StreamCause::Unknown};
}

Step state(StreamState state, StreamCause cause)
{
    return Step{1, {}, state, cause};
}

// The body in reads of size bytes each (0: one read).
Steps reads(const QByteArray &body, qsizetype size)
{
    Steps steps;
    const qsizetype step = size > 0 ? size : body.size();
    for (qsizetype at = 0; at < body.size(); at += step)
        steps << chunk(body.mid(at, step));
    return steps;
}

QByteArray edgeCases()
{
    QFile file(QStringLiteral(SSESCOPE_SAMPLES "/edge-cases.sse"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Chunks and states into the log, as RecordingLoader hands them to a tab's model.
class LogSink final : public SessionSink
{
public:
    explicit LogSink(StreamLog *log)
        : m_log(log)
    {
    }
    void chunkRead(const StreamChunk &chunk) override { m_log->appendChunk(chunk); }
    void stateRead(const StreamStateChange &change) override { m_log->appendState(change); }

private:
    StreamLog *m_log;
};

// A row as text: "event TYPE", "comment", "state NAME" or "CODE@OFFSET#ATTEMPT"; chunks are left out.
QString rowText(const StreamLog::Entry &entry)
{
    switch (entry.kind) {
    case StreamLog::Kind::Event:
        return u"event "_s + QString::fromUtf8(entry.type.toByteArray());
    case StreamLog::Kind::Comment:
        return u"comment"_s;
    case StreamLog::Kind::State:
        return u"state "_s + QString::fromUtf8(entry.type.toByteArray());
    case StreamLog::Kind::Diagnostic:
        return SseDiagnostic::kindName(entry.diagnostic) + u'@' + QString::number(entry.streamOffset) + u'#'
            + QString::number(entry.attempt);
    case StreamLog::Kind::Chunk:
        break;
    }
    return {};
}

const QStringList EdgeCaseRows{
    u"bom-removed@0#1"_s,
    u"comment"_s,
    u"event greeting"_s,
    u"event message"_s,
    u"event message"_s,
    u"unknown-field@144#1"_s,
    u"event message"_s,
    u"invalid-retry@187#1"_s,
    u"unknown-field@199#1"_s,
    u"id-contains-null@212#1"_s,
    u"invalid-utf8@220#1"_s,
    u"event message"_s,
    u"comment"_s,
    u"event close"_s,
    u"unterminated-event@283#1"_s,
};

} // namespace

Q_DECLARE_METATYPE(Steps)

class TestEventDeriver final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsWithDiagnostics_data();
    void rowsWithDiagnostics();
};

void TestEventDeriver::rowsWithDiagnostics_data()
{
    QTest::addColumn<Steps>("steps");
    QTest::addColumn<QStringList>("rows");

    const QByteArray edge = edgeCases();
    QVERIFY(!edge.isEmpty());
    // The end of the input ends the stream: the capture's last event is unfinished.
    QTest::newRow("edge cases, one read") << reads(edge, 0) << EdgeCaseRows;
    QTest::newRow("edge cases, byte by byte") << reads(edge, 1) << EdgeCaseRows;
    QTest::newRow("edge cases, 7-byte reads") << reads(edge, 7) << EdgeCaseRows;
    QTest::newRow("edge cases, then the server ends the stream")
        << (reads(edge, 64) << state(StreamState::Finished)) << (QStringList(EdgeCaseRows) << u"state finished"_s);

    // The end of an attempt's stream is reported before the state that follows it, as the client reports it.
    QTest::newRow("unterminated, then a reconnect")
        << Steps{state(StreamState::Connecting), chunk("data: a\n\ndata: cut"), state(StreamState::WaitingToReconnect),
                 state(StreamState::Connecting, 2), chunk("data: b\n\n", 2)}
        << QStringList{u"state connecting"_s,           u"event message"_s,    u"unterminated-event@9#1"_s,
                       u"state waiting-to-reconnect"_s, u"state connecting"_s, u"event message"_s};
    QTest::newRow("unterminated, next attempt without states")
        << Steps{chunk("data: cut"), chunk("data: b\n\n", 2)}
        << QStringList{u"unterminated-event@0#1"_s, u"event message"_s};
    QTest::newRow("a failed stream ends its event too")
        << Steps{chunk("retry: x\ndata: cut"), state(StreamState::Failed)}
        << QStringList{u"invalid-retry@0#1"_s, u"unterminated-event@0#1"_s, u"state failed"_s}; // from its first line
    // The user dropped the connection: the client says nothing of what it did not read to the end.
    QTest::newRow("closed by the user") << Steps{chunk("data: a\n\ndata: cut"), state(StreamState::ClosedByUser)}
                                        << QStringList{u"event message"_s, u"state closed-by-user"_s};
    // With the causes a recording keeps, the end is reported only where the client ended its parser's stream.
    QTest::newRow("the server ended it") << Steps{chunk("data: a\n\ndata: cut"),
                                                  state(StreamState::Finished, StreamCause::ServerEnded)}
                                         << QStringList{u"event message"_s, u"unterminated-event@9#1"_s,
                                                        u"state finished"_s};
    QTest::newRow("the network broke it, then a reconnect")
        << Steps{chunk("data: cut"), state(StreamState::WaitingToReconnect, StreamCause::ConnectionBroke)}
        << QStringList{u"unterminated-event@0#1"_s, u"state waiting-to-reconnect"_s};
    QTest::newRow("a stop rule ended the session")
        << Steps{chunk("data: a\n\ndata: cut"), state(StreamState::Finished, StreamCause::StopRuleData)}
        << QStringList{u"event message"_s, u"state finished"_s};
    QTest::newRow("a limit failed the stream")
        << Steps{chunk("data: cut"), state(StreamState::Failed, StreamCause::OverLimit)}
        << QStringList{u"state failed"_s};
    QTest::newRow("a complete stream has no diagnostics")
        << Steps{chunk("id: 1\ndata: a\n\n: ping\n"), state(StreamState::Finished)}
        << QStringList{u"event message"_s, u"comment"_s, u"state finished"_s};
    QTest::newRow("BOM and invalid UTF-8 split across reads")
        << Steps{chunk("\xEF\xBB"),
                 chunk("\xBF"
                       "data: \xE2\x82"),
                 chunk("\n\n")}
        << QStringList{u"bom-removed@0#1"_s, u"invalid-utf8@3#1"_s, u"event message"_s};
}

void TestEventDeriver::rowsWithDiagnostics()
{
    QFETCH(Steps, steps);
    QFETCH(QStringList, rows);

    StreamLog log;
    StreamStats stats;
    LogSink logSink(&log);
    EventDeriver deriver(
        [&log](const RecordedEvent &recorded) {
            SseEventView view;
            view.type = recorded.event.type;
            view.data = recorded.event.data;
            view.lastEventId = recorded.event.lastEventId;
            view.offset = recorded.event.offset;
            view.endOffset = recorded.event.endOffset;
            log.appendEvent(view, recorded.attempt, recorded.monotonicNs, recorded.wallMs);
        },
        [&log](QByteArrayView text, int attempt, qint64 monotonicNs, qint64 wallMs, qint64 offset) {
            log.appendComment(text, attempt, monotonicNs, wallMs, offset);
        },
        &logSink);
    deriver.setDiagnosticHandler([&](const RecordedDiagnostic &recorded) {
        log.appendDiagnostic(recorded.diagnostic, recorded.attempt, recorded.monotonicNs, recorded.wallMs);
        stats.addDiagnostic(recorded.diagnostic.kind);
    });

    QHash<int, qint64> offsets; // of each attempt's body
    qint64 ns = 0;
    for (const Step &step : std::as_const(steps)) {
        ns += 1000000;
        if (step.state == StreamState::Idle) {
            StreamChunk chunk;
            chunk.bytes = step.bytes;
            chunk.attempt = step.attempt;
            chunk.offset = offsets.value(step.attempt);
            chunk.monotonicNs = ns;
            offsets[step.attempt] += step.bytes.size();
            deriver.chunkRead(chunk);
        } else {
            StreamStateChange change;
            change.state = step.state;
            change.cause = step.cause;
            change.attempt = step.attempt;
            change.monotonicNs = ns;
            deriver.stateRead(change);
        }
    }
    deriver.finish();

    QStringList shown;
    qint64 diagnostics = 0;
    QHash<int, qint64> byKind;
    for (qsizetype row = 0; row < log.size(); ++row) {
        const StreamLog::Entry entry = log.at(row);
        if (entry.kind == StreamLog::Kind::Chunk)
            continue;
        shown << rowText(entry);
        if (entry.kind != StreamLog::Kind::Diagnostic)
            continue;
        ++diagnostics;
        ++byKind[int(entry.diagnostic)];
        // The chunks it was found in: the first holds its offset (or the line it is on), none is of another attempt.
        const QList<qsizetype> chunkRows = log.chunkRowsFor(row);
        QVERIFY2(!chunkRows.isEmpty(), qPrintable(rowText(entry)));
        const StreamLog::Entry first = log.at(chunkRows.first());
        QVERIFY2(first.streamOffset <= entry.streamOffset, qPrintable(rowText(entry)));
        QVERIFY2(first.streamEndOffset > entry.streamOffset, qPrintable(rowText(entry)));
        for (const qsizetype chunkRow : chunkRows)
            QCOMPARE(log.at(chunkRow).attempt, entry.attempt);
    }
    QCOMPARE(shown, rows);
    QCOMPARE(deriver.diagnostics(), diagnostics);
    QCOMPARE(stats.diagnostics(), diagnostics);
    for (int kind = 0; kind < SseDiagnostic::KindCount; ++kind)
        QCOMPARE(stats.diagnostics(SseDiagnostic::Kind(kind)), byKind.value(kind));
}

QTEST_GUILESS_MAIN(TestEventDeriver)
#include "tst_eventderiver.moc"
