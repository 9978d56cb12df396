// SPDX-License-Identifier: GPL-3.0-or-later
#include "mockstream.h"

#include <QTcpSocket>
#include <QTimer>

namespace {

// Enough queued bytes to keep the kernel busy without letting a slow reader grow memory.
constexpr qint64 PumpHighWater = 256 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

} // namespace

MockStream::MockStream(QTcpSocket *socket, MockRequest request, QString scenario, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_request(std::move(request))
    , m_scenario(std::move(scenario))
{
    m_clock.start();
    m_client = m_request.peerAddress.toString() + u':' + QString::number(m_request.peerPort);
    connect(socket, &QTcpSocket::disconnected, this, [this]() { end(Ending::ClientLeft); });
    connect(socket, &QObject::destroyed, this, [this]() { end(Ending::ClientLeft); });
}

MockStream::~MockStream() = default;

QString MockStream::client() const
{
    return m_client;
}

void MockStream::writeRaw(QByteArrayView bytes)
{
    if (m_ended || !m_socket)
        return;
    m_socket->write(bytes.data(), bytes.size());
}

void MockStream::writeHead(int status, const Headers &headers, Framing framing)
{
    if (m_headWritten)
        return;
    m_headWritten = true;
    m_framing = framing;
    m_status = status;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto &[name, value] : headers)
        head += name + ": " + value + "\r\n";
    if (framing == Framing::Chunked)
        head += "Transfer-Encoding: chunked\r\n";
    head += "Connection: close\r\n\r\n";
    writeRaw(head);
}

void MockStream::writeEventStreamHead(Framing framing, const Headers &extra)
{
    Headers headers{{"Content-Type", "text/event-stream; charset=utf-8"},
                    {"Cache-Control", "no-cache"},
                    {"X-Accel-Buffering", "no"}};
    headers += extra;
    writeHead(200, headers, framing);
}

void MockStream::respond(int status, QByteArrayView contentType, QByteArrayView body, const Headers &extra)
{
    Headers headers = extra;
    if (!contentType.isEmpty())
        headers.prepend({"Content-Type", contentType.toByteArray()});
    if (status != 204 && status / 100 != 1 && status != 304)
        headers.append({"Content-Length", QByteArray::number(body.size())});
    writeHead(status, headers, Framing::CloseDelimited);
    if (!body.isEmpty())
        writeRaw(body);
    m_bodyBytes += body.size();
    finish();
}

void MockStream::write(QByteArrayView bytes)
{
    if (m_ended || bytes.isEmpty())
        return;
    if (m_framing == Framing::Chunked) {
        QByteArray chunk = QByteArray::number(bytes.size(), 16) + "\r\n";
        chunk.append(bytes);
        chunk.append("\r\n");
        writeRaw(chunk);
    } else {
        writeRaw(bytes);
    }
    m_bodyBytes += bytes.size();
}

void MockStream::every(int intervalMs, std::function<bool()> tick)
{
    auto timer = new QTimer(this);
    timer->setTimerType(Qt::PreciseTimer);
    connect(timer, &QTimer::timeout, this, [this, timer, tick = std::move(tick)]() {
        if (m_ended || !tick())
            timer->deleteLater();
    });
    timer->start(intervalMs);
}

void MockStream::repeat(int firstDelayMs, std::function<int()> step)
{
    auto timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);
    connect(timer, &QTimer::timeout, this, [this, timer, step = std::move(step)]() {
        const int next = m_ended ? -1 : step();
        if (next < 0)
            timer->deleteLater();
        else
            timer->start(next);
    });
    timer->start(firstDelayMs);
}

void MockStream::after(int delayMs, std::function<void()> action)
{
    QTimer::singleShot(delayMs, this, [this, action = std::move(action)]() {
        if (!m_ended)
            action();
    });
}

void MockStream::pump(std::function<bool()> fill)
{
    m_fill = std::move(fill);
    if (m_socket)
        connect(m_socket, &QTcpSocket::bytesWritten, this, &MockStream::pumpMore, Qt::UniqueConnection);
    pumpMore();
}

void MockStream::pumpMore()
{
    while (m_fill && !m_ended && m_socket && m_socket->bytesToWrite() < PumpHighWater) {
        if (!m_fill()) {
            m_fill = nullptr;
            return;
        }
    }
}

void MockStream::finish()
{
    if (m_ended)
        return;
    if (m_framing == Framing::Chunked && m_headWritten)
        writeRaw("0\r\n\r\n");
    close(Ending::Finished);
}

void MockStream::drop()
{
    close(Ending::Dropped);
}

void MockStream::stop()
{
    if (m_ended)
        return;
    if (m_framing == Framing::Chunked && m_headWritten)
        writeRaw("0\r\n\r\n");
    close(Ending::ProducerStopped);
}

void MockStream::close(Ending ending)
{
    if (m_ended)
        return;
    // The ending is recorded before the socket is closed: closing can report a disconnection at once.
    const QPointer<QTcpSocket> socket = m_socket;
    end(ending);
    if (!socket)
        return;
    if (ending == Ending::Dropped) {
        // The client sees the stream up to the cut, then a reset: all of it, however slowly it reads, so that
        // where it resumes depends on where the cut fell and not on how much was still queued here.
        socket->flush();
        if (socket->bytesToWrite() == 0) {
            socket->abort();
            return;
        }
        connect(socket, &QTcpSocket::bytesWritten, socket, [socket]() {
            if (socket->bytesToWrite() == 0)
                QMetaObject::invokeMethod(socket, &QTcpSocket::abort, Qt::QueuedConnection);
        });
        return;
    }
    // A stopping producer deletes its connections right after this: hand the last bytes to the kernel now.
    if (ending == Ending::ProducerStopped)
        socket->flush();
    socket->disconnectFromHost(); // sends what is queued, then closes
}

void MockStream::end(Ending ending)
{
    if (m_ended)
        return;
    m_ended = true;
    m_fill = nullptr;
    if (m_socket)
        disconnect(m_socket, nullptr, this, nullptr);
    for (QTimer *timer : findChildren<QTimer *>())
        timer->stop();
    Q_EMIT ended(this, ending);
    deleteLater();
}
