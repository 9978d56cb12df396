// SPDX-License-Identifier: GPL-3.0-or-later
#include "mockproducer.h"

#include "httpserveradapter.h"
#include "replayrecording.h"
#include "scenarioargs.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QUrlQuery>

#include <algorithm>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr QStringView StepSuffix = u"/step";

const QList<ParamSpec> StepParams{
    {u"count"_s, ParamSpec::Kind::Integer, u"1"_s, u"How many recorded reads to release."_s, 1,
     std::numeric_limits<int>::max()},
};

} // namespace

MockProducer::MockProducer(QObject *parent)
    : QObject(parent)
{
}

MockProducer::~MockProducer()
{
    stop();
}

bool MockProducer::start(const QHostAddress &address, quint16 port)
{
    stop();
    auto server = new HttpServerAdapter(
        [this](const MockRequest &request, QTcpSocket *socket) { handle(request, socket); }, this);
    const quint16 bound = server->listen(address, port, &m_error);
    if (bound == 0) {
        m_error = u"cannot listen on %1 port %2: %3"_s.arg(address.toString()).arg(port).arg(m_error);
        delete server;
        return false;
    }
    m_server = server;
    m_address = address;
    m_port = bound;
    m_error.clear();
    if (!address.isLoopback()) {
        Q_EMIT logMessage(u"listening on %1, which other machines can reach: the mock producer has no "
                          u"authentication"_s.arg(address.toString()));
    }
    return true;
}

void MockProducer::stop()
{
    if (!m_server)
        return;
    m_server->close();
    const QSet<MockStream *> streams = m_streams;
    for (MockStream *stream : streams)
        stream->stop();
    // Connections with no stream (idle keep-alive ones) are closed too; the server owns their sockets.
    for (QTcpSocket *socket : m_server->connections())
        socket->disconnectFromHost();
    delete m_server;
    m_port = 0;
}

int MockProducer::openConnections() const
{
    return m_server ? int(m_server->connections().size()) : 0;
}

QUrl MockProducer::url(const QString &pathAndQuery) const
{
    QString host = m_address.toString();
    if (m_address.protocol() == QAbstractSocket::IPv6Protocol)
        host = u'[' + host + u']';
    if (m_address == QHostAddress::Any || m_address == QHostAddress::AnyIPv4)
        host = u"127.0.0.1"_s;
    return QUrl(u"http://%1:%2%3"_s.arg(host).arg(m_port).arg(pathAndQuery));
}

void MockProducer::reject(MockStream &stream, int status, const QString &message, const MockStream::Headers &headers)
{
    const QByteArray body = QJsonDocument(QJsonObject{{u"error"_s, message}, {u"catalogue"_s, url().toString()}})
                                .toJson(QJsonDocument::Compact);
    stream.respond(status, "application/json", QByteArray(body + '\n'), headers);
}

void MockProducer::handle(const MockRequest &request, QTcpSocket *socket)
{
    const QString path = request.url.path();
    const ScenarioSpec *spec = m_catalogue.find(path);
    const bool isCatalogue = path.isEmpty() || path == u"/";
    const auto replay = m_recordings.find(path);
    // The step control of a replay: its path + "/step".
    const QString stepped = path.endsWith(StepSuffix) ? path.chopped(StepSuffix.size()) : QString();
    const bool isStep = !stepped.isEmpty() && m_recordings.contains(stepped);
    const QString name = isCatalogue             ? u"catalogue"_s
        : spec                                   ? spec->name
        : replay != m_recordings.end() || isStep ? u"replay"_s
                                                 : u"-"_s;
    auto stream = new MockStream(socket, request, name, this);
    m_streams.insert(stream);
    connect(stream, &MockStream::ended, this, [this](MockStream *ended, MockStream::Ending ending) {
        m_streams.remove(ended);
        m_stepping.removeIf([ended](const SteppingStream &held) { return held.stream == ended; });
        Q_EMIT streamEnded(ended, ending);
    });
    Q_EMIT streamStarted(stream);

    if (isCatalogue) {
        if (request.method != "GET" && request.method != "HEAD") {
            reject(*stream, 405, u"the catalogue answers GET only"_s, {{"Allow", "GET"}});
            return;
        }
        stream->respond(200, "application/json", QJsonDocument(m_catalogue.toJson()).toJson(QJsonDocument::Indented));
        return;
    }
    if (replay != m_recordings.end()) {
        serveRecording(*stream, *replay);
        return;
    }
    if (isStep) {
        step(*stream, stepped);
        return;
    }
    if (!spec) {
        reject(*stream, 404, u"no scenario at %1; GET / lists them"_s.arg(path));
        return;
    }
    if (spec->method != "ANY" && request.method != spec->method) {
        reject(*stream, 405, u"%1 answers %2 only"_s.arg(path, QString::fromLatin1(spec->method)),
               {{"Allow", spec->method}});
        return;
    }
    QString error;
    const auto args = ScenarioArgs::parse(spec->params, request, &error);
    if (!args) {
        reject(*stream, 400, u"%1: %2"_s.arg(path, error));
        return;
    }
    // Random faults depend on this count, so a reconnect where a fault cut the stream does not meet it again.
    stream->setAttemptAtPosition(m_resumes.arrive(request));
    connect(stream, &MockStream::ended, this, [this](MockStream *ended, MockStream::Ending ending) {
        if (ending == MockStream::Ending::Finished)
            m_resumes.forget(ended->request());
    });
    spec->serve(*stream, *args);
}

QString MockProducer::addRecording(std::shared_ptr<const ReplayRecording> recording, ReplayRecording::Pace pace)
{
    const QString path = u"/replay/%1"_s.arg(m_recordings.size() + 1);
    m_recordings.insert(path, {std::move(recording), pace});
    return path;
}

int MockProducer::steppingStreams(const QString &path) const
{
    return int(std::count_if(m_stepping.cbegin(), m_stepping.cend(),
                             [&path](const SteppingStream &held) { return held.replay == path; }));
}

QString MockProducer::addRecording(const QString &file, QString *error)
{
    std::optional<ReplayRecording> recording = ReplayRecording::load(file, error);
    if (!recording)
        return {};
    return addRecording(std::make_shared<const ReplayRecording>(std::move(*recording)));
}

void MockProducer::serveRecording(MockStream &stream, const ServedRecording &served)
{
    const std::shared_ptr<const ReplayRecording> &recording = served.recording;
    const MockRequest &request = stream.request();
    const QString path = request.url.path();
    if (request.method != "GET" && request.method != recording->method()) {
        const QByteArray allowed = recording->method() == "GET" ? QByteArray("GET") : "GET, " + recording->method();
        const QString methods
            = recording->method() == "GET" ? u"GET"_s : u"GET and %1"_s.arg(QString::fromLatin1(recording->method()));
        reject(stream, 405, u"%1 answers %2 only"_s.arg(path, methods), {{"Allow", allowed}});
        return;
    }
    ReplayRecording::Pace pace = served.pace;
    const QUrlQuery query = request.query();
    if (query.hasQueryItem(u"speed"_s)) {
        const QString value = query.queryItemValue(u"speed"_s, QUrl::FullyDecoded);
        const auto asked = ReplayRecording::Pace::parse(value);
        if (!asked) {
            reject(stream, 400,
                   u"%1: speed is a factor such as 0.5, 1 or 10 (0: as fast as possible) or step (each read waits "
                   u"for a POST to %1/step), not '%2'"_s.arg(path, value));
            return;
        }
        pace = *asked;
    }
    qint64 from = 0;
    MockStream::Headers headers;
    const QByteArray lastEventId = request.header("Last-Event-ID");
    if (!lastEventId.isEmpty()) {
        // Echoed back, so only printable ASCII is kept: a header value must not break the head.
        QByteArray echo = lastEventId;
        echo.removeIf([](char c) { return c < 0x20 || c > 0x7e; });
        from = recording->resumeOffset(lastEventId);
        if (from >= 0) {
            headers.append({"X-Replay-Resumed-After", echo});
        } else {
            from = 0;
            headers.append({"X-Replay-Unknown-Last-Event-ID", echo});
        }
    }
    if (!pace.stepped) {
        ReplayRecording::serve(recording, stream, pace.speed, from, headers);
        return;
    }
    recording->writeHead(stream, headers);
    auto cursor = std::make_shared<ReplayRecording::Cursor>(recording, from);
    if (cursor->atEnd()) {
        stream.finish();
        return;
    }
    m_stepping.append({&stream, path, std::move(cursor)});
}

void MockProducer::step(MockStream &stream, const QString &replay)
{
    const MockRequest &request = stream.request();
    const QString path = request.url.path();
    if (request.method != "POST") {
        reject(
            stream, 405,
            u"%1 answers POST only: it releases the next recorded reads of %2's stepping streams"_s.arg(path, replay),
            {{"Allow", "POST"}});
        return;
    }
    QString error;
    const auto args = ScenarioArgs::parse(StepParams, request, &error);
    if (!args) {
        reject(stream, 400, u"%1: %2"_s.arg(path, error));
        return;
    }
    const qint64 count = args->integer(u"count"_s);

    // A copy: a stream that finishes here leaves m_stepping at once.
    const QList<SteppingStream> held = m_stepping;
    QJsonArray clients;
    qint64 released = 0;
    qsizetype remaining = 0;
    int finished = 0;
    for (const SteppingStream &each : held) {
        if (each.replay != replay || !each.stream->isOpen())
            continue;
        qint64 reads = 0;
        qint64 bytes = 0;
        for (; reads < count && !each.cursor->atEnd(); ++reads)
            bytes += each.cursor->writeNext(*each.stream);
        const bool done = each.cursor->atEnd();
        clients.append(QJsonObject{{u"client"_s, each.stream->client()},
                                   {u"released"_s, reads},
                                   {u"bytes"_s, bytes},
                                   {u"remaining"_s, each.cursor->remaining()},
                                   {u"finished"_s, done}});
        released += reads;
        remaining = std::max(remaining, each.cursor->remaining());
        if (done) {
            ++finished;
            each.stream->finish();
        }
    }
    const QJsonObject answer{{u"replay"_s, replay},       {u"streams"_s, clients.size()}, {u"released"_s, released},
                             {u"remaining"_s, remaining}, {u"finished"_s, finished},      {u"clients"_s, clients}};
    stream.respond(200, "application/json", QByteArray(QJsonDocument(answer).toJson(QJsonDocument::Compact) + '\n'));
}
