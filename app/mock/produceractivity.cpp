// SPDX-License-Identifier: GPL-3.0-or-later
#include "produceractivity.h"

using namespace Qt::Literals::StringLiterals;

namespace {

QString endingName(MockStream::Ending ending)
{
    switch (ending) {
    case MockStream::Ending::Finished:
        return u"finished"_s;
    case MockStream::Ending::Dropped:
        return u"dropped (fault)"_s;
    case MockStream::Ending::ClientLeft:
        return u"client left"_s;
    case MockStream::Ending::ProducerStopped:
        return u"producer stopped"_s;
    }
    return u"ended"_s;
}

} // namespace

QString ProducerActivity::started(const MockStream &stream)
{
    const MockRequest &request = stream.request();
    return u"%1 %2 %3 -> %4"_s.arg(stream.client(), QString::fromLatin1(request.method),
                                   request.url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority), stream.scenario());
}

QString ProducerActivity::ended(const MockStream &stream, MockStream::Ending ending)
{
    return u"%1 %2 ended: status %3, %4, %5 events, %6 bytes, %7 s"_s.arg(stream.client(), stream.scenario())
        .arg(stream.status())
        .arg(endingName(ending))
        .arg(stream.eventsSent())
        .arg(stream.bodyBytesSent())
        .arg(double(stream.elapsedMs()) / 1000.0, 0, 'f', 2);
}
