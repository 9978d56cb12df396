// SPDX-License-Identifier: GPL-3.0-or-later
#include "sseclient.h"

#include "sse/sseparsersink.h"
#include "version.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QSslConfiguration>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int MaxRedirects = 10;
constexpr qsizetype RejectedBodyLimit = 2048;

class SystemProxyFactory final : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override { return systemProxyForQuery(query); }
};

QNetworkProxy proxyFrom(const QUrl &url)
{
    const bool socks = url.scheme().startsWith(u"socks"_s);
    return QNetworkProxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy, url.host(),
                         quint16(url.port(socks ? 1080 : 8080)), url.userName(), url.password());
}

bool isEventStream(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray mediaType = (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed();
    return mediaType.compare("text/event-stream", Qt::CaseInsensitive) == 0;
}

// Retry-After is either seconds or an HTTP date.
std::optional<qint64> retryAfterMs(const QByteArray &value, qint64 nowWallMs)
{
    bool ok = false;
    const qint64 seconds = value.trimmed().toLongLong(&ok);
    if (ok && seconds >= 0)
        return seconds * 1000;
    const QDateTime date = QDateTime::fromString(QString::fromLatin1(value.trimmed()), Qt::RFC2822Date);
    if (date.isValid())
        return qMax<qint64>(0, date.toMSecsSinceEpoch() - nowWallMs);
    return std::nullopt;
}

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', ms < 10000 ? 1 : 0) + u" s"_s;
}

} // namespace

// What the parser finds, handed on as the client's signals.
class SseClient::ParserEvents final : public SseParserSink
{
public:
    explicit ParserEvents(SseClient *client)
        : m_client(client)
    {
    }
    void eventDispatched(const SseEventView &event) override { m_client->handleEvent(event); }
    void commentReceived(QByteArrayView text, qint64 offset) override
    {
        Q_EMIT m_client->commentReceived(text.toByteArray(), offset);
    }
    void retryChanged(qint64 milliseconds, qint64) override { Q_EMIT m_client->retryReceived(milliseconds); }
    void diagnosticReported(const SseDiagnostic &diagnostic) override
    {
        Q_EMIT m_client->diagnosticReported(diagnostic);
    }
    void errorOccurred(const SseParseError &error) override
    {
        m_client->m_parseError = error.message();
        Q_EMIT m_client->parseErrorOccurred(error);
    }

private:
    SseClient *m_client;
};

SseClient::SseClient(StreamRequest request, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_clock(clock)
    , m_parserEvents(std::make_unique<ParserEvents>(this))
    , m_manager(std::make_unique<QNetworkAccessManager>())
    , m_parser(m_parserEvents.get(), m_request.limits)
    , m_reconnectTimer(clock->createTimer())
    , m_idleTimer(clock->createTimer())
{
    m_parser.reset(m_request.lastEventId);
    switch (m_request.proxyMode) {
    case StreamRequest::ProxyMode::System:
        m_manager->setProxyFactory(new SystemProxyFactory);
        break;
    case StreamRequest::ProxyMode::None:
        m_manager->setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        break;
    case StreamRequest::ProxyMode::Given:
        m_manager->setProxy(proxyFrom(m_request.proxyUrl));
        break;
    }
}

SseClient::~SseClient()
{
    dropReply();
}

qint64 SseClient::reconnectionTimeMs() const
{
    return m_parser.retry().value_or(m_request.reconnect.initialDelayMs);
}

void SseClient::start()
{
    if (m_state != StreamState::Idle)
        return;
    const QString scheme = m_request.url.scheme();
    if (!m_request.url.isValid() || (scheme != u"http" && scheme != u"https") || m_request.url.host().isEmpty()) {
        settle(StreamState::Failed, u"'%1' is not an http or https URL"_s.arg(m_request.url.toString()));
        return;
    }
    if (!m_request.caFile.isEmpty() && QSslCertificate::fromPath(m_request.caFile).isEmpty()) {
        settle(StreamState::Failed, u"no PEM certificate could be read from '%1'"_s.arg(m_request.caFile));
        return;
    }
    connectNow();
}

void SseClient::close()
{
    if (isFinalState(m_state))
        return;
    settle(StreamState::ClosedByUser, u"closed by the user"_s);
}

void SseClient::connectNow()
{
    ++m_attempt;
    m_phase = Phase::AwaitingHead;
    m_status = 0;
    m_offset = 0;
    m_rejectedBody.clear();
    m_parseError.clear();

    QNetworkRequest request(m_request.url);
    request.setRawHeader("Accept", "text/event-stream");
    request.setRawHeader("Cache-Control", "no-cache");
    // Named, so that server logs tell SSE Scope from a browser; a User-Agent header of the user's wins.
    request.setRawHeader("User-Agent", QByteArray("SSE Scope/") + SseScope::Version);
    const QByteArray lastId = m_parser.lastEventId();
    if (!lastId.isEmpty())
        request.setRawHeader("Last-Event-ID", lastId);
    for (const auto &[name, value] : std::as_const(m_request.headers))
        request.setRawHeader(name, value);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setMaximumRedirectsAllowed(MaxRedirects);
    if (!m_request.caFile.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(QSslCertificate::fromPath(m_request.caFile));
        request.setSslConfiguration(tls);
    }

    QString reason = m_attempt == 1
        ? u"%1 %2"_s.arg(QString::fromLatin1(m_request.method), m_request.url.toString())
        : u"attempt %1: %2 %3"_s.arg(m_attempt).arg(QString::fromLatin1(m_request.method), m_request.url.toString());
    if (!lastId.isEmpty())
        reason += u" with Last-Event-ID %1"_s.arg(QString::fromUtf8(lastId));
    setState(StreamState::Connecting, reason);

    // A custom verb always gets a Content-Length, which has no place on a plain GET.
    const bool plainGet = m_request.method == "GET" && m_request.body.isEmpty();
    m_reply
        = plainGet ? m_manager->get(request) : m_manager->sendCustomRequest(request, m_request.method, m_request.body);
    m_reply->setReadBufferSize(m_request.readBufferSize);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &SseClient::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &SseClient::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &SseClient::onFinished);
    if (m_request.ignoreTlsErrors) {
        connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
            QStringList texts;
            for (const QSslError &error : errors)
                texts << error.errorString();
            m_reply->ignoreSslErrors();
            setState(StreamState::Connecting, u"TLS ERRORS IGNORED as asked: %1"_s.arg(texts.join(u"; "_s)));
        });
    }
    if (m_request.reconnect.idleTimeoutMs > 0)
        m_idleTimer->start(m_request.reconnect.idleTimeoutMs, [this]() { onIdleTimeout(); });
}

void SseClient::onMetaDataChanged()
{
    if (!m_reply || m_phase != Phase::AwaitingHead)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300 && status < 400 && m_reply->hasRawHeader("Location"))
        return; // followed by QNetworkAccessManager: the next head is the one that counts
    m_status = status;
    StreamResponse response;
    response.attempt = m_attempt;
    response.status = status;
    response.reasonPhrase = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    response.url = m_reply->url();
    response.headers = m_reply->rawHeaderPairs();
    response.monotonicNs = m_clock->monotonicNs();
    Q_EMIT responseReceived(response);
    if (!m_reply)
        return;

    const QByteArray contentType = m_reply->rawHeader("Content-Type");
    if (status == 200 && isEventStream(contentType)) {
        m_phase = Phase::Streaming;
        m_openedNs = m_clock->monotonicNs();
        setState(StreamState::Open, u"status 200, %1"_s.arg(QString::fromLatin1(contentType)), status);
        return;
    }
    m_phase = Phase::Rejected;
    if (status == 204) {
        settle(StreamState::StoppedByServer, u"status 204 No Content: the server asks not to reconnect"_s, status);
        return;
    }
    if (status == 200) {
        settle(StreamState::Failed,
               contentType.isEmpty() ? u"status 200 without a Content-Type: not text/event-stream"_s
                                     : u"status 200 but Content-Type is %1, not text/event-stream"_s.arg(
                                         QString::fromLatin1(contentType)),
               status);
    }
}

QString SseClient::rejectionReason(int status) const
{
    QString reason = u"status %1"_s.arg(status);
    if (m_reply) {
        const QByteArray phrase = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        if (!phrase.isEmpty())
            reason += u' ' + QString::fromLatin1(phrase);
    }
    if (status >= 300 && status < 400)
        reason += u": a redirect without a usable Location header"_s;
    const QByteArray body = m_rejectedBody.simplified();
    if (!body.isEmpty())
        reason += u": "_s + QString::fromUtf8(body.left(200));
    return reason;
}

void SseClient::onReadyRead()
{
    if (!m_reply)
        return;
    if (m_request.reconnect.idleTimeoutMs > 0)
        m_idleTimer->start(m_request.reconnect.idleTimeoutMs, [this]() { onIdleTimeout(); });
    if (m_phase == Phase::Rejected) {
        m_rejectedBody += m_reply->read(RejectedBodyLimit - m_rejectedBody.size());
        if (m_rejectedBody.size() >= RejectedBodyLimit)
            onFinished(); // enough to explain it: decide now rather than read an endless error body
        return;
    }
    while (m_reply && m_phase == Phase::Streaming && m_reply->bytesAvailable() > 0) {
        StreamChunk chunk;
        chunk.bytes = m_reply->read(m_request.readBufferSize);
        chunk.offset = m_offset;
        chunk.attempt = m_attempt;
        chunk.monotonicNs = m_clock->monotonicNs();
        chunk.wallMs = m_clock->wallMs();
        m_offset += chunk.bytes.size();
        Q_EMIT chunkReceived(chunk);
        if (!m_reply)
            return;
        if (!m_parser.feed(chunk.bytes)) {
            settle(StreamState::Failed, u"the stream went over a limit: %1"_s.arg(m_parseError));
            return;
        }
        if (!m_stopReason.isEmpty()) {
            settle(StreamState::Finished, m_stopReason);
            return;
        }
    }
}

void SseClient::onFinished()
{
    if (!m_reply)
        return;
    m_idleTimer->stop();
    const QNetworkReply::NetworkError error = m_reply->error();
    const QString errorText = m_reply->errorString();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

    if (m_phase == Phase::Rejected || (m_phase == Phase::AwaitingHead && status > 0)) {
        m_rejectedBody += m_reply->read(qMax<qsizetype>(0, RejectedBodyLimit - m_rejectedBody.size()));
        if (status == 204) {
            settle(StreamState::StoppedByServer, u"status 204 No Content: the server asks not to reconnect"_s, status);
            return;
        }
        const QString reason = rejectionReason(status);
        if (status >= 500 && m_request.reconnect.retryServerErrors) {
            endConnection(reason, false, retryAfterMs(m_reply->rawHeader("Retry-After"), m_clock->wallMs()));
            return;
        }
        settle(StreamState::Failed, reason, status);
        return;
    }
    if (m_phase == Phase::AwaitingHead) {
        if (error == QNetworkReply::TooManyRedirectsError || error == QNetworkReply::InsecureRedirectError
            || error == QNetworkReply::ProtocolUnknownError) {
            settle(StreamState::Failed, errorText);
            return;
        }
        if (error == QNetworkReply::SslHandshakeFailedError) {
            // Trying again changes nothing: the certificate has to be trusted, or the checks waived.
            settle(StreamState::Failed, u"TLS handshake failed: %1"_s.arg(errorText));
            return;
        }
        endConnection(u"cannot connect: %1"_s.arg(errorText), false);
        return;
    }
    const QString reason = error == QNetworkReply::NoError ? u"the server ended the stream"_s
                                                           : u"the connection broke: %1"_s.arg(errorText);
    endConnection(reason, true);
}

void SseClient::onIdleTimeout()
{
    const QString reason = u"no byte for %1 (read timeout)"_s.arg(seconds(m_request.reconnect.idleTimeoutMs));
    endConnection(reason, m_phase == Phase::Streaming);
}

void SseClient::endConnection(const QString &reason, bool wasOpen, std::optional<qint64> retryAfterMs)
{
    const ReconnectPolicy &policy = m_request.reconnect;
    const int status = m_status;
    dropReply();
    if (m_phase == Phase::Streaming)
        m_parser.finish();
    m_phase = Phase::None;
    if (wasOpen && (m_clock->monotonicNs() - m_openedNs) / 1'000'000 >= policy.resetAfterMs)
        m_inARow = 0;
    if (!policy.enabled) {
        settle(StreamState::Finished, reason + u"; reconnecting is off"_s, status);
        return;
    }
    if (!m_request.isSafeToRepeat() && !policy.reconnectPost) {
        settle(StreamState::Finished,
               reason
                   + u"; not reconnecting: that would send the %1 request again (allow it with the reconnect-POST "
                     u"option)"_s.arg(QString::fromLatin1(m_request.method)),
               status);
        return;
    }
    if (policy.maxAttempts > 0 && m_attempt >= policy.maxAttempts) {
        settle(StreamState::Failed, reason + u"; gave up after %1 attempt(s)"_s.arg(m_attempt), status);
        return;
    }
    ++m_inARow;
    const qint64 delay
        = retryAfterMs ? *retryAfterMs : m_backoff.delay(reconnectionTimeMs(), policy.maxDelayMs, m_inARow);
    const QString why = retryAfterMs ? u" (Retry-After)"_s : QString();
    setState(StreamState::WaitingToReconnect,
             u"%1; attempt %2 in %3%4"_s.arg(reason).arg(m_attempt + 1).arg(seconds(delay), why), status, delay);
    m_reconnectTimer->start(delay, [this]() { connectNow(); });
}

void SseClient::settle(StreamState state, const QString &reason, int httpStatus)
{
    dropReply();
    m_phase = Phase::None;
    m_reconnectTimer->stop();
    m_idleTimer->stop();
    setState(state, reason, httpStatus);
}

void SseClient::setState(StreamState state, const QString &reason, int httpStatus, qint64 delayMs)
{
    StreamStateChange change;
    change.state = state;
    change.reason = reason;
    change.attempt = m_attempt;
    change.delayMs = delayMs;
    change.httpStatus = httpStatus;
    change.monotonicNs = m_clock->monotonicNs();
    change.wallMs = m_clock->wallMs();
    m_state = state;
    m_timeline.append(change);
    Q_EMIT stateChanged(change);
}

void SseClient::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

void SseClient::handleEvent(const SseEventView &event)
{
    if (!m_stopReason.isEmpty())
        return; // the session ends at the event that matched a stop rule
    ++m_events;
    Q_EMIT eventReceived(SseEvent::fromView(event));
    const StopRules &stop = m_request.stop;
    const auto matches = [](const QList<QByteArray> &values, QByteArrayView value) {
        return std::any_of(values.begin(), values.end(), [value](const QByteArray &v) { return value == v; });
    };
    if (matches(stop.eventTypes, event.type))
        m_stopReason = u"stop rule: event type %1"_s.arg(QString::fromUtf8(event.type));
    else if (matches(stop.dataValues, event.data))
        m_stopReason = u"stop rule: data %1"_s.arg(QString::fromUtf8(event.data));
    else if (stop.maxEvents > 0 && m_events >= stop.maxEvents)
        m_stopReason = u"stop rule: %1 event(s) received"_s.arg(m_events);
}
