// SPDX-License-Identifier: GPL-3.0-or-later
#include "mockstream.h"
#include "scenarioargs.h"
#include "scenarios.h"
#include "streamoptions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;
using Kind = ParamSpec::Kind;

namespace {

// Any status, with Retry-After when asked (503 and 429 are where clients look for it).
void serveStatus(MockStream &stream, const ScenarioArgs &args)
{
    const int code = int(args.integer(u"code"_s));
    MockStream::Headers headers;
    if (args.integer(u"retry_after"_s) > 0)
        headers.append({"Retry-After", QByteArray::number(args.integer(u"retry_after"_s))});
    if (code == 204) {
        stream.respond(204, {}, {}, headers);
        return;
    }
    const QByteArray body = QJsonDocument(QJsonObject{{u"error"_s, args.text(u"message"_s)}, {u"status"_s, code}})
                                .toJson(QJsonDocument::Compact);
    stream.respond(code, "application/json", body, headers);
}

// A 200 whose body looks like an event stream but whose Content-Type says otherwise.
void serveWrongType(MockStream &stream, const ScenarioArgs &args)
{
    stream.respond(200, args.text(u"type"_s).toUtf8(), "data: this is not text/event-stream\n\n");
}

void serveRedirect(MockStream &stream, const ScenarioArgs &args)
{
    MockStream::Headers headers;
    if (!args.flag(u"no_location"_s))
        headers.append({"Location", args.text(u"to"_s).toUtf8()});
    stream.respond(int(args.integer(u"code"_s)), "text/plain", "redirect\n", headers);
}

// One event that tells what the client sent: method, target, headers and body.
void serveEcho(MockStream &stream, const ScenarioArgs &args)
{
    const MockRequest &request = stream.request();
    QJsonArray headers;
    for (const auto &[name, value] : request.headers)
        headers.append(QJsonArray{QString::fromUtf8(name), QString::fromUtf8(value)});
    const QJsonObject echo{{u"method"_s, QString::fromLatin1(request.method)},
                           {u"path"_s, request.url.path()},
                           {u"query"_s, request.url.query(QUrl::FullyDecoded)},
                           {u"headers"_s, headers},
                           {u"body"_s, QString::fromUtf8(request.body)}};
    StreamOptions options(args, stream);
    options.begin(stream);
    if (options.sendEvent(stream, QJsonDocument(echo).toJson(QJsonDocument::Compact), "request"))
        stream.finish();
}

} // namespace

QList<ScenarioSpec> httpScenarios()
{
    return {
        {u"status"_s,
         u"/status"_s,
         "ANY",
         u"Any HTTP status (204 stops a client; 500 and 503 fail it)."_s,
         {{u"code"_s, Kind::Integer, u"500"_s, u"the status code"_s, 200, 599},
          {u"retry_after"_s, Kind::Integer, u"0"_s, u"Retry-After in seconds (0: no header)"_s},
          {u"message"_s, Kind::Text, u"the mock producer answered with this status on purpose"_s,
           u"error text in the JSON body"_s}},
         serveStatus,
         ScenarioEnding{ScenarioEnding::Kind::Refused, {}}},
        {u"wrong-type"_s,
         u"/wrong-type"_s,
         "ANY",
         u"Status 200 with an event-stream body but another Content-Type."_s,
         {{u"type"_s, Kind::Text, u"text/plain; charset=utf-8"_s, u"the Content-Type to send"_s}},
         serveWrongType,
         ScenarioEnding{ScenarioEnding::Kind::Refused, {}}},
        {u"redirect"_s,
         u"/redirect"_s,
         "ANY",
         u"A redirect to another scenario, or one with no Location."_s,
         {{u"code"_s,
           Kind::Choice,
           u"307"_s,
           u"301, 302, 303, 307 or 308"_s,
           0,
           0,
           {u"301"_s, u"302"_s, u"303"_s, u"307"_s, u"308"_s}},
          {u"to"_s, Kind::Text, u"/ticker?count=3&interval=100"_s, u"the Location"_s},
          {u"no_location"_s, Kind::Flag, u"0"_s, u"leave the Location header out"_s}},
         serveRedirect,
         ScenarioEnding{ScenarioEnding::Kind::ServerCloses, {}}},
        {u"echo"_s, u"/echo"_s, "ANY", u"One event, type request, reporting the method, headers and body received."_s,
         StreamOptions::params()
             + QList<ParamSpec>{{u"*"_s, Kind::Text, QString(), u"any other parameter is accepted and echoed"_s}},
         serveEcho, ScenarioEnding{ScenarioEnding::Kind::ServerCloses, {}}},
    };
}
