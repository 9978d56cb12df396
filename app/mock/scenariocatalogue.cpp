// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenariocatalogue.h"

#include "scenarios/scenarios.h"
#include "version.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace {

QString kindName(ParamSpec::Kind kind)
{
    switch (kind) {
    case ParamSpec::Kind::Integer:
        return u"integer"_s;
    case ParamSpec::Kind::Text:
        return u"text"_s;
    case ParamSpec::Kind::Flag:
        return u"flag"_s;
    case ParamSpec::Kind::Choice:
        return u"choice"_s;
    }
    return u"text"_s;
}

} // namespace

ScenarioCatalogue::ScenarioCatalogue()
    : m_scenarios(tickerScenarios() + streamScenarios() + llmScenarios() + httpScenarios())
{
}

const ScenarioSpec *ScenarioCatalogue::find(const QString &path) const
{
    for (const ScenarioSpec &scenario : m_scenarios) {
        if (scenario.path == path)
            return &scenario;
    }
    return nullptr;
}

QString ScenarioEnding::name() const
{
    switch (kind) {
    case Kind::Endless:
        return u"endless"_s;
    case Kind::ServerCloses:
        return u"server-closes"_s;
    case Kind::Event:
        return u"event:"_s + QString::fromUtf8(value);
    case Kind::Data:
        return u"data:"_s + QString::fromUtf8(value);
    case Kind::Refused:
        return u"refused"_s;
    }
    return {};
}

QJsonObject ScenarioCatalogue::toJson() const
{
    QJsonArray scenarios;
    for (const ScenarioSpec &scenario : m_scenarios) {
        QJsonArray params;
        for (const ParamSpec &param : scenario.params) {
            QJsonObject entry{{u"name"_s, param.name},
                              {u"type"_s, kindName(param.kind)},
                              {u"default"_s, param.defaultValue},
                              {u"description"_s, param.description}};
            if (param.kind == ParamSpec::Kind::Integer) {
                entry.insert(u"minimum"_s, param.minimum);
                entry.insert(u"maximum"_s, param.maximum);
            }
            if (param.kind == ParamSpec::Kind::Choice)
                entry.insert(u"choices"_s, QJsonArray::fromStringList(param.choices));
            params.append(entry);
        }
        scenarios.append(QJsonObject{{u"name"_s, scenario.name},
                                     {u"path"_s, scenario.path},
                                     {u"method"_s, QString::fromLatin1(scenario.method)},
                                     {u"description"_s, scenario.description},
                                     {u"ends"_s, scenario.ending.name()},
                                     {u"parameters"_s, params}});
    }
    return {{u"producer"_s, u"SSE Scope mock producer"_s},
            {u"version"_s, QString::fromLatin1(SseScope::Version)},
            {u"scenarios"_s, scenarios}};
}
