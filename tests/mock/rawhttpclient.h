// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QTcpSocket>
#include <QUrl>

// A deliberately dumb HTTP/1.1 client over a raw QTcpSocket: it records every byte and when it came, and
// decodes the response by hand, so tests see exactly what the producer put on the wire.
class RawHttpClient final : public QObject
{
public:
    struct Chunk
    {
        QByteArray bytes;
        qint64 arrivedMs = 0; // when its last byte arrived, from the request
    };

    RawHttpClient(quint16 port, const QByteArray &request)
    {
        m_clock.start();
        connect(&m_socket, &QTcpSocket::readyRead, this, [this]() {
            m_raw += m_socket.readAll();
            m_arrivals.append({m_raw.size(), m_clock.elapsed()});
        });
        connect(&m_socket, &QTcpSocket::disconnected, this, [this]() { m_closed = true; });
        connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
            if (error == QAbstractSocket::RemoteHostClosedError)
                m_closed = true;
            else
                m_error = error;
        });
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        m_socket.write(request);
    }

    static QByteArray get(const QByteArray &target, const QByteArray &extraHeaders = {})
    {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n" + extraHeaders
            + "\r\n";
    }
    static QByteArray post(const QByteArray &target, const QByteArray &json)
    {
        return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(json.size()) + "\r\n\r\n" + json;
    }

    bool closed() const { return m_closed || m_error == QAbstractSocket::RemoteHostClosedError; }
    QAbstractSocket::SocketError error() const { return m_error; }
    void close() { m_socket.abort(); }
    QTcpSocket &socket() { return m_socket; }

    QByteArray raw() const { return m_raw; }
    qsizetype headEnd() const
    {
        const qsizetype at = m_raw.indexOf("\r\n\r\n");
        return at < 0 ? -1 : at + 4;
    }
    bool hasHead() const { return headEnd() > 0; }
    QByteArray statusLine() const { return m_raw.left(m_raw.indexOf("\r\n")); }
    int status() const { return statusLine().split(' ').value(1).toInt(); }
    QByteArray header(const QByteArray &name) const
    {
        const QList<QByteArray> lines = m_raw.left(headEnd()).split('\n');
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
    bool isChunked() const { return header("Transfer-Encoding") == "chunked"; }

    // The chunks of a chunked body; complete is set when the terminating chunk was seen.
    QList<Chunk> chunks(bool *complete = nullptr) const
    {
        QList<Chunk> result;
        if (complete)
            *complete = false;
        qsizetype at = headEnd();
        while (at > 0 && at < m_raw.size()) {
            const qsizetype lineEnd = m_raw.indexOf("\r\n", at);
            if (lineEnd < 0)
                break;
            bool ok = false;
            const qsizetype size = m_raw.mid(at, lineEnd - at).toLongLong(&ok, 16);
            if (!ok || lineEnd + 2 + size + 2 > m_raw.size())
                break;
            if (size == 0) {
                if (complete)
                    *complete = true;
                break;
            }
            result.append({m_raw.mid(lineEnd + 2, size), arrivalOf(lineEnd + 2 + size)});
            at = lineEnd + 2 + size + 2;
        }
        return result;
    }

    // The body: chunks joined when chunked, everything after the head otherwise.
    QByteArray body(bool *complete = nullptr) const
    {
        if (!isChunked()) {
            if (complete)
                *complete = closed();
            return hasHead() ? m_raw.mid(headEnd()) : QByteArray();
        }
        QByteArray joined;
        for (const Chunk &chunk : chunks(complete))
            joined += chunk.bytes;
        return joined;
    }

private:
    qint64 arrivalOf(qsizetype offset) const
    {
        for (const auto &[size, ms] : m_arrivals) {
            if (size >= offset)
                return ms;
        }
        return -1;
    }

    QTcpSocket m_socket;
    QElapsedTimer m_clock;
    QByteArray m_raw;
    QList<QPair<qsizetype, qint64>> m_arrivals;
    QAbstractSocket::SocketError m_error = QAbstractSocket::UnknownSocketError;
    bool m_closed = false;
};
