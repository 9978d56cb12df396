// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpserveradapter.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>
#include <QTcpServer>
#include <QTcpSocket>

namespace {

// 200 clients connecting at once overflow the default backlog of 50 and wait for SYN retries.
constexpr int ListenBacklog = 4096;

QByteArray methodName(QHttpServerRequest::Method method)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(method));
    return key ? QByteArray(key).toUpper() : QByteArray("UNKNOWN");
}

} // namespace

HttpServerAdapter::HttpServerAdapter(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{
}

HttpServerAdapter::~HttpServerAdapter()
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    // While the protocol handlers (children of this object) still live.
    for (auto &[socket, responder] : m_responders)
        disconnect(socket, nullptr, this, nullptr);
    m_responders.clear();
#endif
}

quint16 HttpServerAdapter::listen(const QHostAddress &address, quint16 port, QString *error)
{
    auto tcpServer = new QTcpServer(this);
    tcpServer->setListenBacklogSize(ListenBacklog);
    if (!tcpServer->listen(address, port)) {
        if (error)
            *error = tcpServer->errorString();
        delete tcpServer;
        return 0;
    }
    bind(tcpServer);
    m_tcpServer = tcpServer;
    return tcpServer->serverPort();
}

void HttpServerAdapter::close()
{
    if (m_tcpServer)
        m_tcpServer->close();
}

QList<QTcpSocket *> HttpServerAdapter::connections() const
{
    // Accepted sockets start as children of the QTcpServer; newer QtHttpServers may move them under their own
    // per-connection objects, which are still descendants of this server.
    return m_tcpServer ? findChildren<QTcpSocket *>() : QList<QTcpSocket *>();
}

MockRequest HttpServerAdapter::convert(const QHttpServerRequest &request)
{
    MockRequest result;
    result.method = methodName(request.method());
    result.url = request.url();
    result.body = request.body();
    result.peerAddress = request.remoteAddress();
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    result.headers = request.headers().toListOfPairs();
#else
    result.headers = request.headers();
#endif
    // Qt 6.8 keeps header names in lower case only; 6.4 keeps them as sent. Lower case on every Qt, so that the
    // producer (its /echo scenario, its logs) answers the same whichever Qt it runs on.
    for (auto &header : result.headers)
        header.first = header.first.toLower();
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    result.peerPort = request.remotePort();
#endif
    return result;
}

#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)

void HttpServerAdapter::keepResponder(QTcpSocket *socket, QHttpServerResponder &&responder)
{
    m_responders.emplace(socket, std::make_unique<QHttpServerResponder>(std::move(responder)));
    connect(socket, &QTcpSocket::disconnected, this, [this, socket]() { releaseResponder(socket); });
    connect(socket, &QObject::destroyed, this, [this, socket]() {
        // Only a handler being destroyed takes its socket while a responder is kept; the responder's destructor
        // would call into that handler, so the responder is let go without it.
        const auto kept = m_responders.find(socket);
        if (kept == m_responders.end())
            return;
        qWarning("ssescope: a connection went before its kept responder; the responder is not destroyed");
        static_cast<void>(kept->second.release());
        m_responders.erase(kept);
    });
}

void HttpServerAdapter::releaseResponder(QTcpSocket *socket)
{
    const auto kept = m_responders.find(socket);
    if (kept == m_responders.end())
        return;
    disconnect(socket, nullptr, this, nullptr);
    // Taken out of the map first: the handler may react to the release at once.
    const std::unique_ptr<QHttpServerResponder> responder = std::move(kept->second);
    m_responders.erase(kept);
}

bool HttpServerAdapter::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    const MockRequest converted = convert(request);
    QTcpSocket *socket = nullptr;
    for (QTcpSocket *candidate : connections()) {
        if (candidate->peerPort() == converted.peerPort && candidate->peerAddress() == converted.peerAddress) {
            socket = candidate;
            break;
        }
    }
    if (!socket)
        return false;
    // The responder must not answer on its own: it lives, unused, as long as the connection.
    keepResponder(socket, std::move(responder));
    m_handler(converted, socket);
    return true;
}

void HttpServerAdapter::missingHandler(const QHttpServerRequest &, QHttpServerResponder &responder)
{
    responder.write(QHttpServerResponder::StatusCode::NotFound);
}

#else

bool HttpServerAdapter::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    MockRequest converted = convert(request);
    converted.peerPort = socket->peerPort();
    m_handler(converted, socket);
    return true;
}

void HttpServerAdapter::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
}

#endif
