// SPDX-License-Identifier: GPL-3.0-or-later
#include "replaycommand.h"

#include "cli.h"

int ReplayCommand::run(const QStringList &arguments)
{
    Q_UNUSED(arguments)
    return Cli::UsageError;
}
