// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Checking and formatting a request body that should be JSON.
namespace JsonBody {

/** True when a Content-Type value names JSON (application/json, application/vnd.x+json...). */
bool isJsonType(const QByteArray &contentType);
/** Nothing when text is one JSON value; else "line L, column C: message" pointing at the problem. */
std::optional<QString> error(const QByteArray &text);
/** Valid JSON re-indented with two spaces per level, members kept in their order; anything else as it is. */
QByteArray pretty(const QByteArray &json);

} // namespace JsonBody
