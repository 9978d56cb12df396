// SPDX-License-Identifier: GPL-3.0-or-later
// Longer than most files on purpose: the reconnect state machine keeps every transition, and the cause each
// one carries, in one place, so that all the ways a connection ends can be read and checked together.
#include "sseclient.h"

#include "sse/sseparsersink.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QSslConfiguration>

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int MaxRedirects = 10;
constexpr qsizetype RejectedBodyLimit = StreamRejectedBodyLimit;
constexpr qint64 RejectedBodyWaitMs = 2000;

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

StreamStateChange because(StreamCause cause, QString detail = {}, int httpStatus = 0)
{
    StreamStateChange change;
    change.cause = cause;
    change.detail = std::move(detail);
    change.httpStatus = httpStatus;
    return change;
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
    m_nextTurn.setSingleShot(true);
    m_nextTurn.setInterval(0);
    connect(&m_nextTurn, &QTimer::timeout, this, &SseClient::readBody);
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
        settle(StreamState::Failed, because(StreamCause::NotHttpUrl, m_request.url.toString()));
        return;
    }
    if (!m_request.caFile.isEmpty() && QSslCertificate::fromPath(m_request.caFile).isEmpty()) {
        settle(StreamState::Failed, because(StreamCause::CaFileUnreadable, m_request.caFile));
        return;
    }
    connectNow();
}

void SseClient::close()
{
    if (isFinalState(m_state))
        return;
    settle(StreamState::ClosedByUser, because(StreamCause::ClosedByUser));
}

void SseClient::connectNow()
{
    ++m_attempt;
    m_phase = Phase::AwaitingHead;
    m_status = 0;
    m_offset = 0;
    m_rejectedBody.clear();
    m_wrongContentType.reset();
    m_parseError.clear();

    QNetworkRequest request(m_request.url);
    const QByteArray lastId = m_parser.lastEventId();
    for (const auto &[name, value] : m_request.headersToSend(lastId))
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

    StreamStateChange connecting = because(StreamCause::Connecting, m_request.url.toString());
    connecting.method = m_request.method;
    connecting.lastEventId = lastId;
    setState(StreamState::Connecting, std::move(connecting));

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
            setState(StreamState::Connecting, because(StreamCause::TlsErrorsIgnored, texts.join(u"; "_s)));
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
        setState(StreamState::Open, because(StreamCause::Opened, QString::fromLatin1(contentType), status));
        return;
    }
    m_phase = Phase::Rejected;
    if (status == 204) {
        settle(StreamState::StoppedByServer, because(StreamCause::NoContent, {}, status));
        return;
    }
    if (status == 200)
        m_wrongContentType = QString::fromLatin1(contentType);
    // The body explains the refusal; it is read until it ends, fills the excerpt, or stops coming.
    m_idleTimer->start(RejectedBodyWaitMs, [this]() { onFinished(); });
}

StreamStateChange SseClient::rejection(int status) const
{
    StreamStateChange change = because(StreamCause::WrongStatus, {}, status);
    if (m_wrongContentType) {
        change.cause = StreamCause::WrongContentType;
        change.detail = *m_wrongContentType;
    } else if (m_reply) {
        change.detail
            = QString::fromLatin1(m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray());
    }
    change.body = m_rejectedBody;
    return change;
}

void SseClient::onReadyRead()
{
    if (!m_reply)
        return;
    if (m_request.reconnect.idleTimeoutMs > 0 && m_phase != Phase::Rejected)
        m_idleTimer->start(m_request.reconnect.idleTimeoutMs, [this]() { onIdleTimeout(); });
    if (m_phase == Phase::Rejected) {
        m_rejectedBody += m_reply->read(RejectedBodyLimit - m_rejectedBody.size());
        if (m_rejectedBody.size() >= RejectedBodyLimit)
            onFinished(); // enough to explain it: decide now rather than read an endless error body
        return;
    }
    if (!m_nextTurn.isActive())
        readBody(); // else the bytes wait for the turn already asked for
}

void SseClient::readBody()
{
    qsizetype budget = ReadBytesPerTurn;
    while (m_reply && m_phase == Phase::Streaming && m_reply->bytesAvailable() > 0) {
        if (budget == 0) {
            m_nextTurn.start();
            return;
        }
        StreamChunk chunk;
        chunk.bytes = m_reply->read(m_request.readBufferSize > 0 ? qMin(budget, m_request.readBufferSize) : budget);
        budget -= chunk.bytes.size();
        chunk.offset = m_offset;
        chunk.attempt = m_attempt;
        chunk.monotonicNs = m_clock->monotonicNs();
        chunk.wallMs = m_clock->wallMs();
        m_offset += chunk.bytes.size();
        Q_EMIT chunkReceived(chunk);
        if (!m_reply)
            return;
        if (!m_parser.feed(chunk.bytes)) {
            settle(StreamState::Failed, because(StreamCause::OverLimit, m_parseError));
            return;
        }
        if (m_stop) {
            settle(StreamState::Finished, *m_stop);
            return;
        }
    }
    if (m_reply && std::exchange(m_finishAfterBody, false))
        onFinished();
}

void SseClient::onFinished()
{
    if (!m_reply)
        return;
    m_idleTimer->stop();
    if (m_phase == Phase::Streaming && m_reply->bytesAvailable() > 0) {
        // The end comes after the last bytes, which are read at their turns first.
        m_finishAfterBody = true;
        if (!m_nextTurn.isActive())
            m_nextTurn.start();
        return;
    }
    const QNetworkReply::NetworkError error = m_reply->error();
    const QString errorText = m_reply->errorString();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

    if (m_phase == Phase::Rejected || (m_phase == Phase::AwaitingHead && status > 0)) {
        m_rejectedBody += m_reply->read(qMax<qsizetype>(0, RejectedBodyLimit - m_rejectedBody.size()));
        if (status == 204) {
            settle(StreamState::StoppedByServer, because(StreamCause::NoContent, {}, status));
            return;
        }
        StreamStateChange rejected = rejection(status);
        if (status >= 500 && m_request.reconnect.retryServerErrors) {
            const std::optional<qint64> serverDelay
                = retryAfterMs(m_reply->rawHeader("Retry-After"), m_clock->wallMs());
            endConnection(std::move(rejected), false, serverDelay);
            return;
        }
        settle(StreamState::Failed, std::move(rejected));
        return;
    }
    if (m_phase == Phase::AwaitingHead) {
        if (error == QNetworkReply::TooManyRedirectsError || error == QNetworkReply::InsecureRedirectError
            || error == QNetworkReply::ProtocolUnknownError) {
            settle(StreamState::Failed, because(StreamCause::RequestFailed, errorText));
            return;
        }
        if (error == QNetworkReply::SslHandshakeFailedError) {
            // Trying again changes nothing: the certificate has to be trusted, or the checks waived.
            settle(StreamState::Failed, because(StreamCause::TlsFailed, errorText));
            return;
        }
        endConnection(because(StreamCause::CannotConnect, errorText), false);
        return;
    }
    endConnection(error == QNetworkReply::NoError ? because(StreamCause::ServerEnded)
                                                  : because(StreamCause::ConnectionBroke, errorText),
                  true);
}

void SseClient::onIdleTimeout()
{
    StreamStateChange idle = because(StreamCause::IdleTimeout);
    idle.timeoutMs = m_request.reconnect.idleTimeoutMs;
    endConnection(std::move(idle), m_phase == Phase::Streaming);
}

void SseClient::endConnection(StreamStateChange change, bool wasOpen, std::optional<qint64> retryAfterMs)
{
    const ReconnectPolicy &policy = m_request.reconnect;
    change.httpStatus = m_status;
    dropReply();
    if (m_phase == Phase::Streaming)
        m_parser.finish();
    m_phase = Phase::None;
    if (wasOpen && (m_clock->monotonicNs() - m_openedNs) / 1'000'000 >= policy.resetAfterMs)
        m_inARow = 0;
    // Without a next attempt, a connection that never opened a stream is a failure, not a finished session.
    const StreamState ending = wasOpen ? StreamState::Finished : StreamState::Failed;
    if (!policy.enabled) {
        change.followUp = StreamFollowUp::ReconnectingOff;
        settle(ending, std::move(change));
        return;
    }
    if (!m_request.isSafeToRepeat() && !policy.reconnectPost) {
        change.followUp = StreamFollowUp::WouldRepeatRequest;
        change.method = m_request.method;
        settle(ending, std::move(change));
        return;
    }
    if (policy.maxAttempts > 0 && m_attempt >= policy.maxAttempts) {
        change.followUp = StreamFollowUp::AttemptsExhausted;
        settle(StreamState::Failed, std::move(change));
        return;
    }
    ++m_inARow;
    const qint64 delay
        = retryAfterMs ? *retryAfterMs : m_backoff.delay(reconnectionTimeMs(), policy.maxDelayMs, m_inARow);
    change.followUp = StreamFollowUp::Reconnect;
    change.delayMs = delay;
    change.retryAfter = retryAfterMs.has_value();
    setState(StreamState::WaitingToReconnect, std::move(change));
    m_reconnectTimer->start(delay, [this]() { connectNow(); });
}

void SseClient::settle(StreamState state, StreamStateChange change)
{
    dropReply();
    m_phase = Phase::None;
    m_reconnectTimer->stop();
    m_idleTimer->stop();
    setState(state, std::move(change));
}

void SseClient::setState(StreamState state, StreamStateChange change)
{
    change.state = state;
    change.attempt = m_attempt;
    change.reason = streamStateReason(change);
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
    m_nextTurn.stop();
    m_finishAfterBody = false;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

void SseClient::handleEvent(const SseEventView &event)
{
    if (m_stop)
        return; // the session ends at the event that matched a stop rule
    ++m_events;
    Q_EMIT eventReceived(SseEvent::fromView(event));
    const StopRules &stop = m_request.stop;
    const auto matches = [](const QList<QByteArray> &values, QByteArrayView value) {
        return std::any_of(values.begin(), values.end(), [value](const QByteArray &v) { return value == v; });
    };
    if (matches(stop.eventTypes, event.type))
        m_stop = because(StreamCause::StopRuleType, QString::fromUtf8(event.type));
    else if (matches(stop.dataValues, event.data))
        m_stop = because(StreamCause::StopRuleData, QString::fromUtf8(event.data));
    else if (stop.maxEvents > 0 && m_events >= stop.maxEvents)
        m_stop = because(StreamCause::StopRuleCount, QString::number(m_events));
}
