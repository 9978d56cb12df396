// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mockrequest.h"

#include <QAbstractHttpServer>
#include <QPointer>

#include <functional>
#include <memory>
#include <unordered_map>

class QHttpServerResponder;
class QTcpServer;
class QTcpSocket;

/**
 * The one place that knows how QtHttpServer differs between Qt versions.
 *
 * QtHttpServer parses requests; the producer answers them by writing to the connection's socket itself,
 * because byte-exact streams, split writes and abrupt drops need the socket. Qt 6.4 hands the socket to
 * handleRequest(); from Qt 6.5 on, handleRequest() gets a responder instead, so the socket is found among
 * this server's own connections by the peer's address and port, and the responder is kept, unused, until the
 * connection ends.
 *
 * From Qt 6.5 on, the connection's protocol handler owns the socket and is told when its responder goes; it
 * stays alive while a responder exists. So a kept responder is released when its socket disconnects (the
 * handler then deletes itself and the socket), and every kept responder is released before this server's
 * children are destroyed: a responder that outlives its handler calls into freed memory.
 */
class HttpServerAdapter final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServerAdapter)

public:
    using Handler = std::function<void(const MockRequest &request, QTcpSocket *socket)>;

    explicit HttpServerAdapter(Handler handler, QObject *parent = nullptr);
    ~HttpServerAdapter() override;

    /** Listens on address:port (0 picks a free port) with a deep backlog; returns the port, or 0. */
    quint16 listen(const QHostAddress &address, quint16 port, QString *error);
    /** Stops accepting connections; open ones are the caller's to close. */
    void close();
    /** The sockets of every open connection. */
    QList<QTcpSocket *> connections() const;

protected:
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
#else
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;
#endif

private:
    static MockRequest convert(const QHttpServerRequest &request);

    Handler m_handler;
    QPointer<QTcpServer> m_tcpServer;
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    void keepResponder(QTcpSocket *socket, QHttpServerResponder &&responder);
    void releaseResponder(QTcpSocket *socket);

    std::unordered_map<QTcpSocket *, std::unique_ptr<QHttpServerResponder>> m_responders;
#endif
};
