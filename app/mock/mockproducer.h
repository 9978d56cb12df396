// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "mockstream.h"
#include "replayrecording.h"
#include "resumeledger.h"
#include "scenariocatalogue.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUrl>

#include <memory>

class HttpServerAdapter;
class QTcpSocket;

/**
 * SSE Scope's own SSE server: scenarios and faults served over HTTP/1.1 on QtHttpServer, so the tool works
 * with nothing else installed and tests have a real peer. It binds to 127.0.0.1 unless told otherwise.
 */
class MockProducer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MockProducer)

public:
    explicit MockProducer(QObject *parent = nullptr);
    ~MockProducer() override;

    /** Listens on address:port (0 picks a free port); false with errorString() when it cannot. */
    bool start(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    /** Ends every open stream cleanly, closes every connection and stops listening. */
    void stop();

    bool isRunning() const { return !m_server.isNull(); }
    QString errorString() const { return m_error; }
    quint16 port() const { return m_port; }
    /** The URL of path on this producer, e.g. url(u"/ticker") */
    QUrl url(const QString &pathAndQuery = QStringLiteral("/")) const;
    const ScenarioCatalogue &catalogue() const { return m_catalogue; }

    /**
     * Serves a loaded recording at that pace unless a request asks for another; returns its path ("/replay/1",
     * "/replay/2", ...). POST to the path + "/step" releases the next reads of its stepping streams. The request
     * parameters and the step answer are described in `ssescope replay --help`.
     */
    QString addRecording(std::shared_ptr<const ReplayRecording> recording,
                         ReplayRecording::Pace pace = ReplayRecording::Pace());
    /** Loads a session file and serves it; its path, or an empty string with *error naming the problem. */
    QString addRecording(const QString &file, QString *error);
    /** The recording served at path, or null. */
    std::shared_ptr<const ReplayRecording> recording(const QString &path) const
    {
        return m_recordings.value(path).recording;
    }
    int openStreams() const { return int(m_streams.size()); }
    /** Open streams of the replay at path that wait for steps. */
    int steppingStreams(const QString &path) const;
    /** Open client connections, with or without a stream (for leak checks and status displays). */
    int openConnections() const;

Q_SIGNALS:
    /** A request was accepted for a scenario (or answered with an error); the stream is valid during the call. */
    void streamStarted(MockStream *stream);
    /** A stream ended; it is valid during the call and deleted later. */
    void streamEnded(MockStream *stream, MockStream::Ending ending);
    /** Something worth a line in a log (listening address, refused requests). */
    void logMessage(const QString &message);

private:
    struct ServedRecording
    {
        std::shared_ptr<const ReplayRecording> recording;
        ReplayRecording::Pace pace;
    };
    // A replayed response held between steps; it leaves the list when the stream ends.
    struct SteppingStream
    {
        MockStream *stream = nullptr;
        QString replay;
        std::shared_ptr<ReplayRecording::Cursor> cursor;
    };

    void handle(const MockRequest &request, QTcpSocket *socket);
    void serveRecording(MockStream &stream, const ServedRecording &served);
    void step(MockStream &stream, const QString &replay);
    void reject(MockStream &stream, int status, const QString &message, const MockStream::Headers &headers = {});

    ScenarioCatalogue m_catalogue;
    ResumeLedger m_resumes;
    QPointer<HttpServerAdapter> m_server;
    QSet<MockStream *> m_streams;
    QHash<QString, ServedRecording> m_recordings;
    QList<SteppingStream> m_stepping; // in the order the requests came
    QHostAddress m_address;
    quint16 m_port = 0;
    QString m_error;
};
