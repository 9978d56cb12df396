// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <limits>

class MockStream;
class ScenarioArgs;

/** One parameter of a scenario, as the catalogue lists it and as requests are checked against. */
struct ParamSpec
{
    enum class Kind { Integer, Text, Flag, Choice };

    ParamSpec(QString name, Kind kind, QString defaultValue, QString description, qint64 minimum = 0,
              qint64 maximum = std::numeric_limits<qint64>::max(), QStringList choices = {})
        : name(std::move(name))
        , kind(kind)
        , defaultValue(std::move(defaultValue))
        , description(std::move(description))
        , minimum(minimum)
        , maximum(maximum)
        , choices(std::move(choices))
    {
    }

    QString name;
    Kind kind = Kind::Integer;
    QString defaultValue;
    QString description;
    qint64 minimum = 0;
    qint64 maximum = std::numeric_limits<qint64>::max();
    QStringList choices; // Kind::Choice
};

/** How a scenario's stream ends with its default parameters: where a client opened on it should stop. */
struct ScenarioEnding
{
    enum class Kind {
        Endless, // streams until the client leaves; a reconnecting client resumes it
        ServerCloses, // the server ends the body: reconnecting would only get it again
        Event, // the last event has type `value`
        Data, // the last event has data `value`
        Refused, // an error status or content type: a client does not reconnect anyway
    };

    Kind kind = Kind::Endless;
    QByteArray value; // Event, Data

    /** "endless", "server-closes", "event:close", "data:[DONE]", "refused": as the catalogue lists it. */
    QString name() const;
};

/** A stream the producer can serve: where, how, with which parameters, the code that serves it, and how it ends. */
struct ScenarioSpec
{
    QString name;
    QString path;
    QByteArray method; // "GET", "POST", or "ANY"
    QString description;
    QList<ParamSpec> params;
    std::function<void(MockStream &stream, const ScenarioArgs &args)> serve;
    ScenarioEnding ending;
};
