// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exportwriter.h"
#include "sse/utf8check.h"

#include <memory>
#include <optional>

/*
 * HAR 1.2 with an entry per connection attempt, written while the records go by. An entry starts with the
 * request and the _eventSourceMessages array, which grows with the events; the attempt's body goes to a spool
 * meanwhile, because whether it is text or base64 is known only at its end. When the next attempt starts (or
 * the input ends) the attempt's diagnostics (_diagnostics, when it had any), the response with that body, the
 * start time and the timings close the entry.
 */
class HarWriter final : public ExportWriter
{
public:
    /** An entry lists at most this many diagnostics, and says how many more it left out. */
    static constexpr qint64 MaxDiagnostics = 10000;

    HarWriter(QIODevice *output, std::unique_ptr<QIODevice> spool);
    ~HarWriter() override;

    void requestRead(const RecordedRequest &request) override;
    void responseRead(const StreamResponse &response, qint64 wallMs) override;
    void chunkRead(const StreamChunk &chunk) override;
    void stateRead(const StreamStateChange &change) override;
    void eventDerived(const RecordedEvent &recorded) override;
    void diagnosticDerived(const RecordedDiagnostic &recorded) override;
    bool finish() override;

private:
    struct Attempt
    {
        explicit Attempt(int attempt)
            : number(attempt)
        {
        }

        int number;
        qint64 startNs = -1;
        qint64 startWallMs = 0;
        qint64 endNs = 0;
        QByteArray lastEventId; // sent with this attempt's request
        std::optional<StreamResponse> response;
        qint64 bodySize = 0;
        qint64 messages = 0;
        QByteArray diagnostics; // the members of _diagnostics, as JSON
        qint64 diagnosticCount = 0;

        void touch(qint64 ns, qint64 wallMs);
    };

    Attempt &enter(int number);
    void leave();
    void writeDiagnostics(const Attempt &attempt);
    void writeBody(qint64 size, bool text);

    std::unique_ptr<QIODevice> m_spool;
    std::optional<StreamRequest> m_request;
    std::optional<Attempt> m_attempt; // whose entry is open
    std::optional<Attempt> m_connecting; // the connecting state of an attempt whose entry is not open yet
    Utf8Check m_text;
    qint64 m_entries = 0;
};
