// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// JSON text laid out for reading, as it was written: QJsonDocument would sort the members and reformat numbers.
namespace PrettyJson {

/** Valid JSON text indented two spaces a level; short arrays of scalars stay on one line, {} and [] stay empty. */
QString indent(const QString &json);

} // namespace PrettyJson
