// SPDX-License-Identifier: GPL-3.0-or-later
#include "diffcommand.h"

#include "cli.h"

int DiffCommand::run(const QStringList &arguments)
{
    Q_UNUSED(arguments)
    return Cli::UsageError;
}
