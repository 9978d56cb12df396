// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "scenario.h"

#include <QJsonObject>

/** Every scenario the producer serves, found by path, and described as JSON for GET /. */
class ScenarioCatalogue final
{
public:
    ScenarioCatalogue();

    const QList<ScenarioSpec> &scenarios() const { return m_scenarios; }
    /** The scenario served at path, or nullptr. */
    const ScenarioSpec *find(const QString &path) const;
    /** {"scenarios": [{"name", "path", "method", "description", "parameters": [...]}, ...]} */
    QJsonObject toJson() const;

private:
    QList<ScenarioSpec> m_scenarios;
};
