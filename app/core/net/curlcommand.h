// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "streamrequest.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * Converts between a StreamRequest and a curl command line: the commands browsers copy ("Copy as cURL") and
 * API documentation shows, and a `curl -N` command that repeats a request in a POSIX shell.
 */
class CurlCommand final
{
    Q_DECLARE_TR_FUNCTIONS(CurlCommand)

public:
    /**
     * Parses a curl command (POSIX shell quoting; cmd.exe ^ quoting as Windows browsers copy it).
     * Returns nothing and sets error when the command cannot be read; options that are ignored or unknown
     * are reported in warnings. Files (@file) are never read.
     */
    static std::optional<StreamRequest> parse(const QString &command, QString *error, QStringList *warnings = nullptr);

    /** A `curl -N` command that sends the request again, quoted for POSIX shells. */
    static QString toCommand(const StreamRequest &request);

    /** Splits a command into words as a POSIX shell does, without expanding anything. */
    static std::optional<QStringList> splitWords(const QString &command, QString *error);

    /** The word quoted for a POSIX shell, or as it is when it needs no quotes. */
    static QString quote(const QString &word);
};
