// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <optional>

class QCommandLineParser;

// The headless front end: `ssescope <command> ...` with the same engine as the window.
namespace Cli {

/** Exit codes shared by every command. */
enum ExitCode : int {
    Ok = 0,
    StreamError = 1, // the stream broke a rule or a limit the user asked to enforce
    UsageError = 2, // bad command line
    InputError = 3, // a file or input that cannot be read
    NetworkError = 4, // cannot listen, connect or reach the other side
    OutputError = 5, // standard output cannot be written
};

/** True when the command line names a command or option (or mistypes one) rather than asking for the window,
 *  with nothing or with a URL or file; argv may be null, and then firstArgument stands for argv[1]. */
bool isCommandLine(int argc, char *argv[], const QString &firstArgument = {});

/** Runs the command named in arguments (arguments.first() is the program); returns the exit code. */
int run(const QStringList &arguments);

/**
 * Parses a command's arguments (usage is the first help line, helpTail follows the options). Returns the exit
 * code to stop with after bad arguments or --help, having printed what is due; nothing when the command runs.
 */
std::optional<int> parseArguments(QCommandLineParser &parser, const QString &command, const QString &usage,
                                  const QString &helpTail, const QStringList &arguments);

/** Reads a whole-number option when it is set; says why and returns false when it is outside [minimum, maximum]. */
bool integerOption(const QCommandLineParser &parser, const QString &command, const QString &name, qint64 minimum,
                   qint64 maximum, qint64 *value);

/** The items of a repeatable, comma-separated option ("all" stands for every allowed item); nothing, said why,
 *  when an item is not allowed. */
std::optional<QStringList> listOption(const QCommandLineParser &parser, const QString &command, const QString &name,
                                      const QStringList &allowed);

/** Writes text to standard error with a trailing newline. */
void printError(const QString &text);
/** Writes bytes to standard output as they are; false when they could not be written. */
bool printOut(QByteArrayView bytes);

} // namespace Cli
