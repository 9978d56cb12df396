// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenarioargs.h"

#include "mockrequest.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace {

const ParamSpec *findSpec(const QList<ParamSpec> &specs, const QString &name)
{
    for (const ParamSpec &spec : specs) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

QString knownNames(const QList<ParamSpec> &specs)
{
    QStringList names;
    for (const ParamSpec &spec : specs)
        names << spec.name;
    return names.isEmpty() ? u"none"_s : names.join(u", "_s);
}

// Checks one value against its spec; returns the canonical text or sets error.
std::optional<QString> check(const ParamSpec &spec, const QString &value, QString *error)
{
    switch (spec.kind) {
    case ParamSpec::Kind::Integer: {
        bool ok = false;
        const qint64 number = value.toLongLong(&ok);
        if (!ok || number < spec.minimum || number > spec.maximum) {
            *error = u"parameter '%1' takes a whole number from %2 to %3, not '%4'"_s.arg(
                spec.name, QString::number(spec.minimum), QString::number(spec.maximum), value);
            return std::nullopt;
        }
        return QString::number(number);
    }
    case ParamSpec::Kind::Flag:
        if (value == u"1" || value == u"true" || value == u"yes" || value.isEmpty())
            return u"1"_s;
        if (value == u"0" || value == u"false" || value == u"no")
            return u"0"_s;
        *error = u"parameter '%1' takes 1 or 0 (true or false), not '%2'"_s.arg(spec.name, value);
        return std::nullopt;
    case ParamSpec::Kind::Choice:
        if (!spec.choices.contains(value)) {
            *error = u"parameter '%1' takes one of %2, not '%3'"_s.arg(spec.name, spec.choices.join(u", "_s), value);
            return std::nullopt;
        }
        return value;
    case ParamSpec::Kind::Text:
        return value;
    }
    return value;
}

QString jsonText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? u"1"_s : u"0"_s;
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::String:
        return value.toString();
    default:
        return QString::fromUtf8(QJsonDocument(QJsonObject{{u"v"_s, value}}).toJson(QJsonDocument::Compact));
    }
}

} // namespace

std::optional<ScenarioArgs> ScenarioArgs::parse(const QList<ParamSpec> &specs, const MockRequest &request,
                                                QString *error)
{
    ScenarioArgs args;
    for (const ParamSpec &spec : specs)
        args.m_values.insert(spec.name, spec.defaultValue);

    const auto items = request.query().queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items) {
        const ParamSpec *spec = findSpec(specs, name);
        if (!spec && findSpec(specs, u"*"_s))
            continue; // the scenario takes any other parameter as it is
        if (!spec) {
            *error = u"unknown parameter '%1'; this scenario takes: %2"_s.arg(name, knownNames(specs));
            return std::nullopt;
        }
        const auto checked = check(*spec, value, error);
        if (!checked)
            return std::nullopt;
        args.m_values.insert(name, *checked);
    }

    if (!request.body.isEmpty() && request.header("Content-Type").contains("json")) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            *error = parseError.error != QJsonParseError::NoError
                ? u"the JSON body does not parse at byte %1: %2"_s.arg(parseError.offset).arg(parseError.errorString())
                : u"the JSON body must be an object"_s;
            return std::nullopt;
        }
        const QJsonObject object = document.object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const ParamSpec *spec = findSpec(specs, it.key());
            if (!spec)
                continue;
            const auto checked = check(*spec, jsonText(it.value()), error);
            if (!checked)
                return std::nullopt;
            args.m_values.insert(it.key(), *checked);
        }
    }
    return args;
}

qint64 ScenarioArgs::integer(const QString &name) const
{
    return m_values.value(name).toLongLong();
}

QString ScenarioArgs::text(const QString &name) const
{
    return m_values.value(name);
}

bool ScenarioArgs::flag(const QString &name) const
{
    return m_values.value(name) == u"1";
}
