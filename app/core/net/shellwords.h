// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * Splits a command line into words as a shell does, without expanding anything: POSIX shell quoting ('...',
 * "...", $'...', backslashes, line continuations, comments), or cmd.exe ^ quoting as Windows browsers copy
 * commands. And quotes a word for a POSIX shell.
 */
class ShellWords final
{
    Q_DECLARE_TR_FUNCTIONS(ShellWords)

public:
    /** The words of a command, up to a shell operator that ends it. */
    struct Split
    {
        QStringList words;
        QString stoppedAt; // a shell operator that ended the command, such as "|", and what follows it
    };

    /** The words of command; nothing, with error set, when a quote is never closed. */
    static std::optional<Split> split(const QString &command, QString *error);

    /** The word quoted for a POSIX shell, or as it is when it needs no quotes. */
    static QString quote(const QString &word);
};
