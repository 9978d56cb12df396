// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario.h"

#include <QHash>

#include <optional>

struct MockRequest;

/** A scenario's parameter values, checked against its specs: from the query string and a JSON body. */
class ScenarioArgs final
{
public:
    /**
     * Query parameters must be known and valid; top-level fields of a JSON object body that name a
     * parameter are taken too (other fields, such as an LLM request's "messages", are left alone).
     */
    static std::optional<ScenarioArgs> parse(const QList<ParamSpec> &specs, const MockRequest &request, QString *error);

    qint64 integer(const QString &name) const;
    QString text(const QString &name) const;
    bool flag(const QString &name) const;

private:
    QHash<QString, QString> m_values;
};
