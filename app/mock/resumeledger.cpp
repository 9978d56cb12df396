// SPDX-License-Identifier: GPL-3.0-or-later
#include "resumeledger.h"

#include "mockrequest.h"

#include <QCryptographicHash>

namespace {

// Requests remembered at most; past this the ledger starts afresh, so that a producer left running with
// ever new query strings does not grow (a stream in progress then meets attempt 0 once more).
constexpr qsizetype MaxRequests = 4096;

QByteArray requestKey(const MockRequest &request)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(request.method);
    hash.addData(QByteArrayView("\n", 1));
    hash.addData(request.url.path(QUrl::FullyEncoded).toUtf8());
    hash.addData(QByteArrayView("?", 1));
    hash.addData(request.url.query(QUrl::FullyEncoded).toUtf8());
    hash.addData(QByteArrayView("\n", 1));
    hash.addData(request.body);
    return hash.result();
}

} // namespace

quint32 ResumeLedger::arrive(const MockRequest &request)
{
    const QByteArray key = requestKey(request);
    const QByteArray lastEventId = request.header("Last-Event-ID");
    auto found = m_positions.find(key);
    if (found == m_positions.end()) {
        if (m_positions.size() >= MaxRequests)
            m_positions.clear();
        m_positions.insert(key, {lastEventId, 0});
        return 0;
    }
    // Another position is progress (or a new run from the start): its count starts again.
    if (found->lastEventId != lastEventId) {
        *found = {lastEventId, 0};
        return 0;
    }
    return ++found->attempt;
}

void ResumeLedger::forget(const MockRequest &request)
{
    m_positions.remove(requestKey(request));
}
