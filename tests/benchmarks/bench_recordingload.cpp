// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a large recording in the window: a session file of a given size (1 GiB unless --size MIB; --quick
// about 16 MiB) with ticker-like events of 100-300 bytes, a few per read, some reads not UTF-8 (stored as
// base64), is written with SessionWriter (only that with --write-only PATH) and opened in a shown stream tab. It
// reports the load's speed, the events and rows kept, peak resident memory against that before loading, the longest the
// event loop went unserved (a 10 ms timer's gaps), what the progress dialog did, and, in a second run, how long a
// cancel at about half way takes to end the loading.
#include "models/eventlistmodel.h"
#include "recording/sessionwriter.h"
#include "stats/statisticspane.h"
#include "streamtab.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QProgressBar>
#include <QProgressDialog>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 MiB = 1 << 20;
constexpr qint64 ChunkIntervalNs = 200'000; // 5,000 reads a second, as a busy stream arrives
constexpr int BinaryEvery = 16; // one read in 16 carries bytes that are not UTF-8
constexpr int CommentEvery = 50;

struct Written
{
    qint64 bytes = 0;
    qint64 events = 0;
    qint64 comments = 0;
    qint64 chunks = 0;
    qint64 states = 0;
    qint64 diagnostics = 0; // one invalid-utf8 per event with bytes that are not UTF-8
    qint64 bodyBytes = 0;
};

// A field of /proc/self/status in bytes, or -1 where there is none.
qint64 statusBytes(QByteArrayView field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field) && line.size() > field.size() && line.at(field.size()) == ':')
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

// Lets VmHWM measure from now on (Linux: writing 5 to clear_refs resets the peak).
bool resetPeakResident()
{
    QFile clear(u"/proc/self/clear_refs"_s);
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

QByteArray mib(qint64 bytes)
{
    return bytes < 0 ? QByteArray("n/a") : QByteArray::number(double(bytes) / double(MiB), 'f', 1) + " MiB";
}

// One event of 100-300 bytes, as a price ticker sends them.
void appendEvent(QByteArray &out, qint64 n, QRandomGenerator &random, bool binary)
{
    QByteArray data = R"({"seq":)" + QByteArray::number(n) + R"(,"symbol":"SSE)" + QByteArray::number(n % 97)
        + R"(","price":)" + QByteArray::number(100.0 + double(random.bounded(100000)) / 100.0, 'f', 2) + R"(,"note":")";
    const qsizetype target = 80 + random.bounded(200);
    const QByteArray filler = binary ? QByteArray("\xff\xfe raw ") : QByteArray("lorem ipsum ");
    while (data.size() < target)
        data += filler;
    data += "\"}";
    out += "id: " + QByteArray::number(n) + "\nevent: tick\ndata: " + data + "\n\n";
}

bool writeRecording(const QString &path, qint64 targetBytes, Written &written)
{
    SessionWriter writer;
    if (!writer.open(path, 0)) {
        std::fprintf(stderr, "bench_recordingload: %s\n", qPrintable(writer.errorString()));
        return false;
    }
    const qint64 startWall = 1'763'750'000'000;
    StreamRequest request;
    request.url = QUrl(u"http://127.0.0.1:8765/ticker?rate=100000"_s);
    writer.writeRequest(request, 0, startWall);
    StreamStateChange change;
    change.state = StreamState::Connecting;
    change.attempt = 1;
    change.wallMs = startWall;
    writer.writeState(change);
    StreamResponse response;
    response.attempt = 1;
    response.status = 200;
    response.reasonPhrase = "OK";
    response.url = request.url;
    response.headers = {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    response.monotonicNs = 1'000'000;
    writer.writeResponse(response);
    change.state = StreamState::Open;
    change.monotonicNs = 1'000'000;
    change.httpStatus = 200;
    writer.writeState(change);
    written.states = 2;

    QRandomGenerator random(20261121);
    StreamChunk chunk;
    chunk.attempt = 1;
    while (writer.bytesWritten() < targetBytes) {
        const bool binary = written.chunks % BinaryEvery == BinaryEvery - 1;
        chunk.bytes.clear();
        if (written.chunks % CommentEvery == CommentEvery - 1) {
            chunk.bytes += ": keep-alive\n";
            ++written.comments;
        }
        for (int i = 1 + random.bounded(5); i > 0; --i) {
            appendEvent(chunk.bytes, ++written.events, random, binary);
            written.diagnostics += binary ? 1 : 0;
        }
        chunk.monotonicNs = 2'000'000 + written.chunks * ChunkIntervalNs;
        chunk.wallMs = startWall + chunk.monotonicNs / 1'000'000;
        if (!writer.writeChunk(chunk)) {
            std::fprintf(stderr, "bench_recordingload: %s\n", qPrintable(writer.errorString()));
            return false;
        }
        chunk.offset += chunk.bytes.size();
        ++written.chunks;
    }
    written.bodyBytes = chunk.offset;
    change.state = StreamState::Finished;
    change.reason = u"the server ended the stream"_s;
    change.monotonicNs = chunk.monotonicNs + 1'000'000;
    change.wallMs = chunk.wallMs + 1;
    writer.writeState(change);
    ++written.states;
    writer.close();
    written.bytes = writer.bytesWritten();
    return writer.errorString().isEmpty();
}

// Watches a load from the event loop: its 10 ms ticks run only when the loader lets the loop run, so the gaps
// between them are the window's stalls. It also finds the progress dialog and follows its bar.
class LoadProbe final
{
public:
    explicit LoadProbe(int cancelAtPermille = -1)
        : m_cancelAt(cancelAtPermille)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this]() { tick(); });
    }

    void start()
    {
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    // Called when the loading ended: the time since the last tick counts as a stall too.
    void stop()
    {
        m_timer.stop();
        m_endNs = m_clock.nsecsElapsed();
        m_maxGapNs = qMax(m_maxGapNs, m_endNs - m_last);
    }

    qint64 maxGapNs() const { return m_maxGapNs; }
    qint64 ticks() const { return m_ticks; }
    bool dialogFound() const { return m_dialogFound; }
    bool dialogShown() const { return m_shown; }
    int maxPermille() const { return m_maxValue; }
    int maximum() const { return m_maximum; }
    // From cancel() to the end of the loading; -1 if it was not cancelled.
    qint64 cancelToReturnNs() const { return m_cancelNs < 0 ? -1 : m_endNs - m_cancelNs; }
    qint64 cancelAtNs() const { return m_cancelNs; }
    // The progress when it was cancelled (the loader sets it to the end afterwards).
    int cancelValue() const { return m_cancelValue; }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        m_maxGapNs = qMax(m_maxGapNs, now - m_last);
        m_last = now;
        ++m_ticks;
        if (!m_dialog) {
            for (QWidget *widget : QApplication::topLevelWidgets()) {
                if (auto dialog = qobject_cast<QProgressDialog *>(widget))
                    follow(dialog);
            }
        }
        if (m_dialog) {
            m_shown = m_shown || m_dialog->isVisible();
            if (m_cancelAt >= 0 && m_cancelNs < 0 && m_maxValue * 1000 >= m_cancelAt * m_maximum) {
                m_cancelNs = m_clock.nsecsElapsed();
                m_cancelValue = m_maxValue;
                m_dialog->cancel();
            }
        }
    }

    void follow(QProgressDialog *dialog)
    {
        m_dialog = dialog;
        m_dialogFound = true;
        m_maximum = dialog->maximum();
        m_maxValue = qMax(m_maxValue, dialog->value());
        // The bar says every step, even those between ticks, and the last one just before the dialog goes.
        if (auto bar = dialog->findChild<QProgressBar *>()) {
            QObject::connect(bar, &QProgressBar::valueChanged, &m_timer, [this](int value) {
                m_maxValue = qMax(m_maxValue, value);
                m_shown = m_shown || (m_dialog && m_dialog->isVisible());
            });
        }
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    QPointer<QProgressDialog> m_dialog;
    int m_cancelAt;
    qint64 m_last = 0;
    qint64 m_maxGapNs = 0;
    qint64 m_ticks = 0;
    qint64 m_endNs = 0;
    qint64 m_cancelNs = -1;
    int m_maxValue = 0;
    int m_cancelValue = -1;
    int m_maximum = 0;
    bool m_dialogFound = false;
    bool m_shown = false;
};

// Runs the event loop until the recording the tab opens is read (the loader reads it in slices on this loop);
// false with *error when it was not read whole.
bool waitForLoading(StreamTab &tab, QString *error)
{
    QEventLoop loop;
    QObject::connect(&tab, &StreamTab::loadingFinished, &loop, &QEventLoop::quit);
    if (tab.isLoading())
        loop.exec();
    *error = tab.loadError();
    return error->isEmpty();
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const bool quick = arguments.contains(u"--quick"_s);
    qint64 sizeMib = quick ? 16 : 1024;
    if (const qsizetype at = arguments.indexOf(u"--size"_s); at >= 0) {
        bool valid = false;
        sizeMib = arguments.value(at + 1).toLongLong(&valid);
        if (!valid || sizeMib < 1) {
            std::fprintf(stderr, "bench_recordingload: --size takes a number of MiB\n");
            return 2;
        }
    }

    // --write-only PATH: only write the recording there, for the command-line readers to be timed on it.
    if (const qsizetype at = arguments.indexOf(u"--write-only"_s); at >= 0) {
        Written only;
        if (arguments.size() <= at + 1 || !writeRecording(arguments.at(at + 1), sizeMib * MiB, only))
            return 1;
        std::printf("recording: %s (%lld bytes), %lld events, %lld reads\n", mib(only.bytes).constData(),
                    qlonglong(only.bytes), qlonglong(only.events), qlonglong(only.chunks));
        return 0;
    }

    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "bench_recordingload: no temporary directory: %s\n", qPrintable(dir.errorString()));
        return 1;
    }
    const QString path = dir.filePath(u"bench.sserec"_s);
    Written written;
    QElapsedTimer clock;
    clock.start();
    if (!writeRecording(path, sizeMib * MiB, written))
        return 1;
    const double writeSeconds = double(clock.nsecsElapsed()) / 1e9;
    std::printf("recording: %s (%lld bytes), %lld events, %lld comments, %lld reads (1 in %d base64), written in "
                "%.1f s\n",
                mib(written.bytes).constData(), qlonglong(written.bytes), qlonglong(written.events),
                qlonglong(written.comments), qlonglong(written.chunks), BinaryEvery, writeSeconds);

    StreamTab tab;
    tab.resize(1200, 800);
    tab.show();
    QCoreApplication::processEvents();
    const qint64 residentBefore = statusBytes("VmRSS");
    const bool peakReset = resetPeakResident();

    // The whole file.
    LoadProbe probe;
    QString error;
    probe.start();
    clock.restart();
    const bool opened = tab.openRecording(path, &error) && waitForLoading(tab, &error);
    const qint64 loadNs = clock.nsecsElapsed();
    probe.stop();
    const qint64 peak = statusBytes("VmHWM");
    const qint64 residentAfter = statusBytes("VmRSS");
    const StreamStats &stats = tab.statisticsPane()->stats();
    const EventListModel *model = tab.model();
    const qint64 rows = written.events + written.comments + written.chunks + written.states + written.diagnostics;
    const double seconds = double(loadNs) / 1e9;
    std::printf("load: %s in %.2f s: %.1f MB/s; %lld events, %lld comments, %lld reads loaded; %d rows retained "
                "(capacity %lld), %lld evicted\n",
                mib(written.bytes).constData(), seconds, double(written.bytes) / 1e6 / seconds,
                qlonglong(stats.events()), qlonglong(stats.comments()), qlonglong(stats.chunks()), model->rowCount(),
                qlonglong(model->capacity()), qlonglong(model->evicted()));
    std::printf("memory: resident %s before loading, peak %s while loading%s (+%s), %s after\n",
                mib(residentBefore).constData(), mib(peak).constData(),
                peakReset ? "" : " (VmHWM not reset: the peak since start)",
                mib(peak < 0 || residentBefore < 0 ? -1 : peak - residentBefore).constData(),
                mib(residentAfter).constData());
    std::printf("event loop: longest stall %.1f ms over %lld ticks of a 10 ms timer; progress dialog %s, %s, "
                "progress reached %d of %d\n",
                double(probe.maxGapNs()) / 1e6, qlonglong(probe.ticks()), probe.dialogFound() ? "found" : "NOT FOUND",
                probe.dialogShown() ? "shown" : "not shown", probe.maxPermille(), probe.maximum());
    bool ok = opened && error.isEmpty();
    if (!opened)
        std::fprintf(stderr, "bench_recordingload: the recording did not open: %s\n", qPrintable(error));
    if (stats.events() != written.events || stats.comments() != written.comments || stats.chunks() != written.chunks
        || stats.diagnostics() != written.diagnostics || stats.bodyBytes() != written.bodyBytes
        || model->rowCount() + model->evicted() != rows || model->rowCount() != qMin<qint64>(rows, model->capacity())) {
        std::fprintf(stderr,
                     "bench_recordingload: COUNTS WRONG: %lld events, %lld comments, %lld reads, %lld body "
                     "bytes, %lld rows (written: %lld, %lld, %lld, %lld, %lld)\n",
                     qlonglong(stats.events()), qlonglong(stats.comments()), qlonglong(stats.chunks()),
                     qlonglong(stats.bodyBytes()), qlonglong(model->rowCount() + model->evicted()),
                     qlonglong(written.events), qlonglong(written.comments), qlonglong(written.chunks),
                     qlonglong(written.bodyBytes), qlonglong(rows));
        ok = false;
    }
    if (!probe.dialogFound() || probe.maxPermille() != probe.maximum()) {
        std::fprintf(stderr, "bench_recordingload: the progress did not reach its end\n");
        ok = false;
    }

    // Again, cancelled at about half way.
    LoadProbe cancelProbe(500);
    error.clear();
    cancelProbe.start();
    const bool cancelledOpened = tab.openRecording(path, &error) && waitForLoading(tab, &error);
    cancelProbe.stop();
    const bool cancelled = !cancelledOpened && tab.loadStatus() == SessionReader::Status::Cancelled;
    std::printf("cancel: %s at %d of %d after %.2f s; the loading ended %.1f ms later (%s), having loaded "
                "%lld events; longest stall %.1f ms\n",
                cancelled ? "cancelled" : "NOT CANCELLED", cancelProbe.cancelValue(), cancelProbe.maximum(),
                double(cancelProbe.cancelAtNs()) / 1e9, double(cancelProbe.cancelToReturnNs()) / 1e6,
                qPrintable(error.isEmpty() ? u"no error"_s : error), qlonglong(tab.statisticsPane()->stats().events()),
                double(cancelProbe.maxGapNs()) / 1e6);
    if (!cancelled || tab.statisticsPane()->stats().events() >= written.events)
        ok = false;

    QFile::remove(path);
    if (QFileInfo::exists(path)) {
        std::fprintf(stderr, "bench_recordingload: could not delete %s\n", qPrintable(path));
        ok = false;
    }
    return ok ? 0 : 1;
}
